#pragma once
// Reports and repair state are written atomically: a reader (or a crash)
// sees the old file or the new one, never half of either.

#include <filesystem>
#include <string>
#include <string_view>

namespace wse::util {

/// Writes `contents` to `path` via a temp file in the same directory, fsync
/// and rename; creates parent directories. Throws std::runtime_error naming
/// the path on failure, leaving no temp file behind.
void WriteFileAtomic(const std::filesystem::path& path, std::string_view contents);

/// Whole file as a string; throws std::runtime_error naming the path.
std::string ReadFile(const std::filesystem::path& path);

}  // namespace wse::util
