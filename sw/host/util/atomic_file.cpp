#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace wse::util {
namespace {

// "cannot write <path>: <step>: <OS error>". The target path comes first so a
// user can tell which of several reports failed without reading further.
[[noreturn]] void Fail(const char* verb, const std::filesystem::path& path, const std::string& step,
                       int err) {
  std::string msg = std::string("cannot ") + verb + " " + path.string() + ": ";
  if (!step.empty()) msg += step + ": ";
  throw std::runtime_error(msg + std::strerror(err));
}

// Closes on scope exit; a temp file is unlinked unless Release()d after the
// rename, so every early throw cleans up without a catch.
class TempFile {
 public:
  TempFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!released_) ::unlink(path_.c_str());
  }
  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  // close() reports the last deferred write error on some filesystems (NFS).
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void Release() { released_ = true; }

 private:
  std::filesystem::path path_;
  int fd_;
  bool released_ = false;
};

// Distinguishes temp files of threads in one process; the pid separates processes.
std::atomic<unsigned> temp_counter{0};

}  // namespace

void WriteFileAtomic(const std::filesystem::path& path, std::string_view contents) {
  if (path.filename().empty()) Fail("write", path, "not a file name", EISDIR);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) Fail("write", path, "cannot create directory " + dir.string(), ec.value());

  const std::filesystem::path tmp_path =
      dir / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
             std::to_string(temp_counter.fetch_add(1)));
  // O_EXCL: never truncate a file that someone else (a stale crash leftover
  // with a recycled pid, say) still owns. 0666 is narrowed by the umask as for
  // any newly created file.
  const int fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) Fail("write", path, "cannot create " + tmp_path.string(), errno);
  TempFile tmp(tmp_path, fd);

  for (size_t done = 0; done < contents.size();) {
    const ssize_t n = ::write(tmp.fd(), contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail("write", path, "write " + tmp.path().string(), errno);
    done += static_cast<size_t>(n);
  }
  // Without fsync before rename, a crash can leave the new name pointing at
  // an empty file on ext4/xfs: the rename is journaled before the data.
  if (::fsync(tmp.fd()) != 0) Fail("write", path, "fsync " + tmp.path().string(), errno);
  if (tmp.Close() != 0) Fail("write", path, "close " + tmp.path().string(), errno);
  if (::rename(tmp.path().c_str(), path.c_str()) != 0) Fail("write", path, "rename", errno);
  tmp.Release();

  // The rename lives in the directory; sync it so it survives a power cut.
  // Some filesystems cannot fsync a directory (EINVAL); the data is safe then
  // as far as that filesystem can promise, so that is not an error.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) Fail("write", path, "open directory " + dir.string(), errno);
  const int rc = ::fsync(dfd);
  const int err = errno;
  ::close(dfd);
  if (rc != 0 && err != EINVAL && err != ENOTSUP) {
    Fail("write", path, "fsync directory " + dir.string(), err);
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) Fail("read", path, "", errno);
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      Fail("read", path, "", err);
    }
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace wse::util
