#pragma once
// NumPy .npy files (format version 1.0/2.0): the example apps read their
// inputs from and write their outputs to them, so arrays move between the
// simulator and Python unchanged. Supported: little-endian int16, int32 and
// int64 ('<i2', '<i4', '<i8'), C order, any number of dimensions. Anything
// else is rejected with an error that names the file and the header field.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace wse::util {

struct NpyArray {
  std::string dtype;            // "<i2", "<i4" or "<i8"
  std::vector<size_t> shape;
  std::vector<int64_t> values;  // flattened, C order, widened to int64

  size_t Size() const;
};

/// Reads a .npy file; throws std::runtime_error naming the file and problem.
NpyArray ReadNpy(const std::filesystem::path& path);
/// Parses .npy bytes; `what` names the source in errors.
NpyArray ParseNpy(const std::string& bytes, const std::string& what);
/// Serialises an array (values must fit the dtype; throws otherwise).
std::string FormatNpy(const NpyArray& a);
/// Writes a .npy file atomically.
void WriteNpy(const std::filesystem::path& path, const NpyArray& a);

}  // namespace wse::util
