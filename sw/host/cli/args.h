#pragma once
// Minimal command-line parsing shared by the wse subcommands: "--name value",
// "--name=value" and boolean "--flag". Unknown options are errors that name
// the option, never silently ignored.

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace wse::cli {

/// A usage error; main prints it with the subcommand's help hint.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parsed options of one subcommand.
class Args {
 public:
  /// `flags` take no value; `options` take one.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
       const std::set<std::string>& options);
  bool Has(const std::string& name) const { return values_.count(name) != 0; }
  std::string Get(const std::string& name, const std::string& def = "") const;
  long long GetInt(const std::string& name, long long def) const;
  double GetDouble(const std::string& name, double def) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace wse::cli
