#pragma once
// Reports and repair state are written atomically: a reader, or the machine
// after a crash, sees the old file or the new one, never half of either.

#include <filesystem>
#include <string>
#include <string_view>

namespace wse::util {

/// Replaces `path` with `contents`: creates missing parent directories, writes
/// a temp file next to the target (".<name>.tmp.<pid>.<n>", so concurrent
/// writers never share one), fsyncs it, renames it over the target and fsyncs
/// the directory so the rename survives a power cut. On any failure the temp
/// file is removed and std::runtime_error names the path and the OS error.
/// A symlink at `path` is replaced by a regular file, not followed.
void WriteFileAtomic(const std::filesystem::path& path, std::string_view contents);

/// The whole file as a string (bytes as stored). Throws std::runtime_error
/// naming the path and the OS error if it cannot be opened or read.
std::string ReadFile(const std::filesystem::path& path);

}  // namespace wse::util
