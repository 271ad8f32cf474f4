// The repair file (repair.h, RepairToJson): writer, strict reader, checksum.

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/repair/repair.h"
#include "firmware/repair/shift_rules.h"
#include "util/atomic_file.h"

namespace wse::fw {
namespace {

using util::Json;

constexpr const char* kFormat = "wse-repair";
constexpr const char* kChecksumPrefix = "fnv1a64:";
constexpr int64_t kMaxPhysSide = 1 << 15;
constexpr const char* kSides[4] = {"N", "E", "S", "W"};
// Select codes 0..2 by side kind, then "off" (kCodeOff).
constexpr const char* kVerticalCodes[3] = {"straight", "west", "east"};
constexpr const char* kHorizontalCodes[3] = {"next", "skip1", "skip2"};

std::string Hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08" PRIx32, v);
  return buf;
}

// FNV-1a 64 of Dump(2) of `doc` without its "checksum" member, hashed
// member by member so a million-tile document is never copied: in util::Json's
// layout a member of the top-level object dumps as its own Dump(2) with two
// more spaces after every line break (strings never hold a raw line break).
std::string Checksum(const Json& doc) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto add = [&h](std::string_view bytes) {
    for (const char c : bytes) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ull;
    }
  };
  add("{");
  bool first = true;
  for (const auto& [key, value] : doc.Members()) {
    if (key == "checksum") continue;
    add(first ? "\n  " : ",\n  ");
    first = false;
    add(Json(key).Dump(0));
    add(": ");
    for (const char c : value.Dump())
      add(c == '\n' ? std::string_view("\n  ") : std::string_view(&c, 1));
  }
  add(first ? "}" : "\n}");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%016" PRIx64, kChecksumPrefix, h);
  return buf;
}

Json Pair(int a, int b) {
  Json p = Json::Array();
  p.Push(Json(a));
  p.Push(Json(b));
  return p;
}

// The "tiles" entry of physical (x, y).
Json TileJson(const TileSetting& t, int x, int y) {
  Json e = Json::Object();
  e.Set("tile", Pair(x, y));
  e.Set("logical", t.used ? Pair(t.lx, t.ly) : Json());
  Json& links = e.Set("links", Json::Object());
  for (int side = 0; side < 4; ++side) {
    const int code = t.code[side];
    const char* const* names = side % 2 == 0 ? kVerticalCodes : kHorizontalCodes;
    links.Set(kSides[side], Json(code >= 0 && code < 3 ? names[code] : "off"));
  }
  e.Set("repair0", Json(Hex32(t.repair0)));
  e.Set("repair1", Json(Hex32(t.repair1)));
  return e;
}

// Strict field access: every refusal is "<source>: <path>: <problem>".
class Reader {
 public:
  explicit Reader(const std::string& source) : source_(source) {}

  [[noreturn]] void Fail(const std::string& path, const std::string& problem) const {
    throw RepairError(source_ + ": " + (path.empty() ? "" : path + ": ") + problem);
  }

  static std::string Sub(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }
  static std::string Index(const std::string& path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

  void Type(const Json& v, Json::Type want, const std::string& path) const {
    if (v.type() != want) {
      Fail(path,
           std::string("expected ") + Json::TypeName(want) + ", found " + Json::TypeName(v.type()));
    }
  }

  // Member `key` of object `obj` (at `path`), of type `want`.
  const Json& Field(const Json& obj, const std::string& path, const char* key,
                    Json::Type want) const {
    const Json* v = obj.Get(key);
    if (v == nullptr) Fail(Sub(path, key), "missing");
    Type(*v, want, Sub(path, key));
    return *v;
  }

  int64_t Int(const Json& v, const std::string& path, int64_t lo, int64_t hi,
              const char* what = "") const {
    Type(v, Json::Type::kInt, path);
    if (v.AsInt() < lo || v.AsInt() > hi) {
      Fail(path, std::to_string(v.AsInt()) + " is not in " + std::to_string(lo) + ".." +
                     std::to_string(hi) + what);
    }
    return v.AsInt();
  }

  void Known(const Json& obj, const std::string& path,
             std::initializer_list<std::string_view> keys) const {
    for (const auto& [k, v] : obj.Members()) {
      bool known = false;
      for (std::string_view key : keys) known = known || k == key;
      if (!known) Fail(Sub(path, k), "unknown field");
    }
  }

  // `actual` must equal `expected` (derived from the rows), member by member.
  void Same(const Json& actual, const Json& expected, const std::string& path) const {
    Type(actual, expected.type(), path);
    if (expected.IsObject()) {
      for (const auto& [k, v] : expected.Members()) {
        const Json* a = actual.Get(k);
        if (a == nullptr) Fail(Sub(path, k), "missing");
        Same(*a, v, Sub(path, k));
      }
      for (const auto& [k, v] : actual.Members()) {
        if (expected.Get(k) == nullptr) Fail(Sub(path, k), "unknown field");
      }
      return;
    }
    if (actual.Dump(0) != expected.Dump(0)) {
      Fail(path, actual.Dump(0) + " disagrees with the rows, which give " + expected.Dump(0));
    }
  }

 private:
  const std::string& source_;
};

}  // namespace

Json RepairToJson(const Repair& repair) {
  const std::vector<TileSetting> settings = TileSettings(repair);  // refuses what cannot be encoded
  Json doc = Json::Object();
  doc.Set("format", Json(kFormat));
  doc.Set("version", Json(kRepairVersion));
  Json& physical = doc.Set("physical", Json::Object());
  physical.Set("width", Json(repair.phys_width));
  physical.Set("height", Json(repair.phys_height));
  Json& logical = doc.Set("logical", Json::Object());
  logical.Set("width", Json(repair.width));
  logical.Set("height", Json(repair.height));
  doc.Set("full_width", Json(repair.full_width));
  doc.Set("degraded", Json(repair.degraded()));
  Json& rows = doc.Set("rows", Json::Array());
  for (const std::vector<int>& row : repair.cols) {
    Json& r = rows.Push(Json::Array());
    for (int x : row) r.Push(Json(x));
  }
  Json& tiles = doc.Set("tiles", Json::Array());
  for (int y = 0; y < repair.phys_height; ++y) {
    for (int x = 0; x < repair.phys_width; ++x) {
      tiles.Push(TileJson(settings[static_cast<size_t>(y * repair.phys_width + x)], x, y));
    }
  }
  doc.Set("checksum", Json(Checksum(doc)));
  return doc;
}

Repair RepairFromJson(const Json& doc, const std::string& source) {
  const Reader c(source);
  if (!doc.IsObject()) {
    c.Fail("",
           std::string("expected an object at the top level, found ") + Json::TypeName(doc.type()));
  }
  // Format and version first: a newer file must say "newer", not trip over
  // the fields that made it newer. Then the checksum, so a corrupt file says
  // "corrupt" rather than whatever the flipped byte broke.
  if (const std::string& f = c.Field(doc, "", "format", Json::Type::kString).AsString();
      f != kFormat) {
    c.Fail("format", std::string("expected \"") + kFormat + "\", found " + Json(f).Dump(0));
  }
  const Json& version = c.Field(doc, "", "version", Json::Type::kInt);
  if (version.AsInt() > kRepairVersion) {
    c.Fail("version", std::to_string(version.AsInt()) +
                          " is newer than this build reads (version " +
                          std::to_string(kRepairVersion) + ")");
  }
  c.Int(version, "version", 1, kRepairVersion);
  const std::string& stated = c.Field(doc, "", "checksum", Json::Type::kString).AsString();
  const std::string actual = Checksum(doc);
  const bool well_formed =
      stated.size() == actual.size() && stated.rfind(kChecksumPrefix, 0) == 0 &&
      stated.find_first_not_of("0123456789abcdef", std::string_view(kChecksumPrefix).size()) ==
          std::string::npos;
  if (!well_formed) {
    c.Fail("checksum", "expected \"" + std::string(kChecksumPrefix) +
                           "\" and 16 lowercase hex digits, found " + Json(stated).Dump(0));
  }
  if (stated != actual) {
    c.Fail("checksum",
           stated + " does not match the contents (" + actual + "): the file is corrupt");
  }
  c.Known(doc, "",
          {"format", "version", "physical", "logical", "full_width", "degraded", "rows", "tiles",
           "checksum"});

  Repair r;
  const Json& physical = c.Field(doc, "", "physical", Json::Type::kObject);
  c.Known(physical, "physical", {"width", "height"});
  r.phys_width = static_cast<int>(c.Int(c.Field(physical, "physical", "width", Json::Type::kInt),
                                        "physical.width", 1, kMaxPhysSide));
  r.phys_height = static_cast<int>(c.Int(c.Field(physical, "physical", "height", Json::Type::kInt),
                                         "physical.height", 1, kMaxPhysSide));
  const Json& logical = c.Field(doc, "", "logical", Json::Type::kObject);
  c.Known(logical, "logical", {"width", "height"});
  r.width = static_cast<int>(c.Int(c.Field(logical, "logical", "width", Json::Type::kInt),
                                   "logical.width", 1, r.phys_width, " (1 .. physical.width)"));
  r.height = static_cast<int>(c.Int(c.Field(logical, "logical", "height", Json::Type::kInt),
                                    "logical.height", r.phys_height, r.phys_height,
                                    " (physical.height: rows are never remapped)"));
  r.full_width =
      static_cast<int>(c.Int(c.Field(doc, "", "full_width", Json::Type::kInt), "full_width",
                             r.width, r.phys_width, " (logical.width .. physical.width)"));
  if (c.Field(doc, "", "degraded", Json::Type::kBool).AsBool() != r.degraded()) {
    c.Fail("degraded", std::string(r.degraded() ? "false" : "true") +
                           " disagrees with logical.width " + std::to_string(r.width) +
                           " and full_width " + std::to_string(r.full_width));
  }

  const Json& rows = c.Field(doc, "", "rows", Json::Type::kArray);
  if (rows.Size() != static_cast<size_t>(r.height)) {
    c.Fail("rows",
           std::to_string(rows.Size()) + " rows for logical.height " + std::to_string(r.height));
  }
  for (size_t y = 0; y < rows.Size(); ++y) {
    const std::string row_path = Reader::Index("rows", y);
    const Json& row = rows.Items()[y];
    c.Type(row, Json::Type::kArray, row_path);
    if (row.Size() != static_cast<size_t>(r.width)) {
      c.Fail(row_path,
             std::to_string(row.Size()) + " columns for logical.width " + std::to_string(r.width));
    }
    std::vector<int>& cols = r.cols.emplace_back();
    for (size_t l = 0; l < row.Size(); ++l) {
      cols.push_back(static_cast<int>(c.Int(row.Items()[l], Reader::Index(row_path, l), 0,
                                            r.phys_width - 1, " (the physical columns)")));
    }
  }
  std::string path;
  if (const std::string problem = repair_detail::RepairShapeProblem(r, true, &path);
      !problem.empty()) {
    c.Fail(path, problem);
  }

  const Json& tiles = c.Field(doc, "", "tiles", Json::Type::kArray);
  const std::vector<TileSetting> settings = TileSettings(r);
  if (tiles.Size() != settings.size()) {
    c.Fail("tiles", std::to_string(tiles.Size()) + " entries for the " +
                        std::to_string(r.phys_width) + "x" + std::to_string(r.phys_height) +
                        " physical tiles");
  }
  for (size_t i = 0; i < settings.size(); ++i) {
    const int x = static_cast<int>(i % static_cast<size_t>(r.phys_width));
    const int y = static_cast<int>(i / static_cast<size_t>(r.phys_width));
    c.Same(tiles.Items()[i], TileJson(settings[i], x, y), Reader::Index("tiles", i));
  }
  return r;
}

void WriteRepairFile(const std::string& path, const Repair& repair) {
  // RepairToJson refuses (std::invalid_argument) what the reader would.
  util::WriteFileAtomic(path, RepairToJson(repair).Dump() + "\n");
}

Repair ReadRepairFile(const std::string& path) {
  return RepairFromJson(Json::Parse(util::ReadFile(path), path), path);
}

}  // namespace wse::fw
