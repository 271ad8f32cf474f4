#include "firmware/defect_map.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "util/atomic_file.h"

namespace wse::fw {
namespace {

constexpr const char* kFormat = "wse-defect-map";
constexpr const char* kUnitNames[] = {"tile", "pe", "sram", "router", "link"};
constexpr const char* kDirNames[] = {"N", "E", "S", "W"};

// Validation state: every message starts with the source and the field path,
// so a reader of a 10,000-entry map can go straight to the bad entry.
class Checker {
 public:
  explicit Checker(const std::string& source) : source_(source) {}

  [[noreturn]] void Fail(const std::string& path, const std::string& problem) const {
    throw DefectMapError(source_ + ": " + (path.empty() ? "" : path + ": ") + problem);
  }

  const util::Json& Need(const util::Json& obj, const std::string& path, const char* key) const {
    const util::Json* v = obj.Get(key);
    if (v == nullptr) Fail(Join(path, key), "missing");
    return *v;
  }

  void Expect(const util::Json& v, util::Json::Type type, const std::string& path) const {
    if (v.type() != type) {
      Fail(path, std::string("expected ") + util::Json::TypeName(type) + ", found " +
                     util::Json::TypeName(v.type()));
    }
  }

  int64_t Int(const util::Json& obj, const std::string& path, const char* key) const {
    const util::Json& v = Need(obj, path, key);
    Expect(v, util::Json::Type::kInt, Join(path, key));
    return v.AsInt();
  }

  const std::string& String(const util::Json& obj, const std::string& path, const char* key) const {
    const util::Json& v = Need(obj, path, key);
    Expect(v, util::Json::Type::kString, Join(path, key));
    return v.AsString();
  }

  // Unknown keys are refused: a misspelt "dir" must not silently turn into a
  // missing one, and a field this version does not know is not one it honours.
  void OnlyKeys(const util::Json& obj, const std::string& path,
                std::initializer_list<std::string_view> keys) const {
    for (const auto& [k, v] : obj.Members()) {
      bool known = false;
      for (std::string_view key : keys) known = known || k == key;
      if (!known) Fail(Join(path, k), "unknown field");
    }
  }

  static std::string Join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }

 private:
  const std::string& source_;
};

std::string Quoted(const std::string& s) { return util::Json(s).Dump(0); }

}  // namespace

std::string TileText(int64_t x, int64_t y) { return "(" + std::to_string(x) + "," + std::to_string(y) + ")"; }

const char* UnitName(Unit unit) {
  const auto i = static_cast<size_t>(unit);
  return i < std::size(kUnitNames) ? kUnitNames[i] : "?";
}

std::optional<Unit> ParseUnit(std::string_view name) {
  for (size_t i = 0; i < std::size(kUnitNames); ++i) {
    if (name == kUnitNames[i]) return static_cast<Unit>(i);
  }
  return std::nullopt;
}

const char* DirName(int dir) { return dir >= 0 && dir < 4 ? kDirNames[dir] : "?"; }

std::optional<int> ParseDir(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (name == kDirNames[i]) return i;
  }
  return std::nullopt;
}

util::Json ToJson(const DefectMap& map) {
  util::Json doc = util::Json::Object();
  doc.Set("format", util::Json(kFormat));
  doc.Set("version", util::Json(kDefectMapVersion));
  util::Json& mesh = doc.Set("mesh", util::Json::Object());
  mesh.Set("width", util::Json(map.width));
  mesh.Set("height", util::Json(map.height));
  util::Json& tests = doc.Set("tests", util::Json::Array());
  for (const std::string& t : map.tests) tests.Push(util::Json(t));
  doc.Set("reachable", util::Json(map.reachable));
  util::Json& defects = doc.Set("defects", util::Json::Array());
  for (const Defect& d : map.defects) {
    util::Json& e = defects.Push(util::Json::Object());
    util::Json& tile = e.Set("tile", util::Json::Array());
    tile.Push(util::Json(d.x));
    tile.Push(util::Json(d.y));
    e.Set("unit", util::Json(UnitName(d.unit)));
    if (d.unit == Unit::kLink) e.Set("dir", util::Json(DirName(d.dir)));
    e.Set("kind", util::Json(d.kind));
    e.Set("evidence", d.evidence);
  }
  return doc;
}

DefectMap DefectMapFromJson(const util::Json& doc, const std::string& source) {
  const Checker c(source);
  if (!doc.IsObject()) {
    c.Fail("", std::string("expected an object at the top level, found ") +
                   util::Json::TypeName(doc.type()));
  }
  // Format and version first: a newer file must say "newer", not trip over
  // the fields that made it newer.
  if (const std::string& f = c.String(doc, "", "format"); f != kFormat) {
    c.Fail("format", std::string("expected \"") + kFormat + "\", found " + Quoted(f));
  }
  const int64_t version = c.Int(doc, "", "version");
  if (version > kDefectMapVersion) {
    c.Fail("version", std::to_string(version) + " is newer than this build reads (version " +
                          std::to_string(kDefectMapVersion) + ")");
  }
  if (version < 1) {
    c.Fail("version", std::to_string(version) + " is not a version (this build reads version " +
                          std::to_string(kDefectMapVersion) + ")");
  }
  c.OnlyKeys(doc, "", {"format", "version", "mesh", "tests", "reachable", "defects"});

  DefectMap m;
  const util::Json& mesh = c.Need(doc, "", "mesh");
  c.Expect(mesh, util::Json::Type::kObject, "mesh");
  c.OnlyKeys(mesh, "mesh", {"width", "height"});
  // Bounded so that width * height and every coordinate fit an int.
  constexpr int64_t kMaxSide = 1 << 15;
  for (auto [key, out] : {std::pair{"width", &m.width}, std::pair{"height", &m.height}}) {
    const int64_t v = c.Int(mesh, "mesh", key);
    if (v < 1 || v > kMaxSide) {
      c.Fail(std::string("mesh.") + key,
             std::to_string(v) + " is not in 1.." + std::to_string(kMaxSide));
    }
    *out = static_cast<int>(v);
  }
  const int64_t tiles = int64_t{m.width} * m.height;

  const util::Json& tests = c.Need(doc, "", "tests");
  c.Expect(tests, util::Json::Type::kArray, "tests");
  for (size_t i = 0; i < tests.Size(); ++i) {
    const std::string path = "tests[" + std::to_string(i) + "]";
    c.Expect(tests.Items()[i], util::Json::Type::kString, path);
    if (tests.Items()[i].AsString().empty()) c.Fail(path, "empty test name");
    m.tests.push_back(tests.Items()[i].AsString());
  }

  const int64_t reachable = c.Int(doc, "", "reachable");
  if (reachable < 0 || reachable > tiles) {
    c.Fail("reachable", std::to_string(reachable) + " is not in 0.." + std::to_string(tiles) +
                            " (the " + std::to_string(m.width) + "x" + std::to_string(m.height) +
                            " mesh)");
  }
  m.reachable = static_cast<int>(reachable);

  const util::Json& defects = c.Need(doc, "", "defects");
  c.Expect(defects, util::Json::Type::kArray, "defects");
  // (tile index, unit, dir) -> entry index, for the duplicate message.
  std::map<std::tuple<int64_t, int, int>, size_t> seen;
  for (size_t i = 0; i < defects.Size(); ++i) {
    const std::string path = "defects[" + std::to_string(i) + "]";
    const util::Json& e = defects.Items()[i];
    c.Expect(e, util::Json::Type::kObject, path);
    c.OnlyKeys(e, path, {"tile", "unit", "dir", "kind", "evidence"});
    Defect d;

    const util::Json& tile = c.Need(e, path, "tile");
    const std::string tile_path = path + ".tile";
    if (!tile.IsArray() || tile.Size() != 2 || !tile.Items()[0].IsInt() ||
        !tile.Items()[1].IsInt()) {
      c.Fail(tile_path, std::string("expected [x, y] (two integers), found ") + tile.Dump(0));
    }
    const int64_t x = tile.Items()[0].AsInt(), y = tile.Items()[1].AsInt();
    if (x < 0 || y < 0 || x >= m.width || y >= m.height) {
      c.Fail(tile_path, TileText(x, y) + " is outside the " + std::to_string(m.width) + "x" +
                            std::to_string(m.height) + " mesh");
    }
    d.x = static_cast<int>(x);
    d.y = static_cast<int>(y);

    const std::string& unit = c.String(e, path, "unit");
    const std::optional<Unit> u = ParseUnit(unit);
    if (!u)
      c.Fail(path + ".unit", "unknown unit " + Quoted(unit) + " (tile, pe, sram, router or link)");
    d.unit = *u;

    const util::Json* dir = e.Get("dir");
    if (d.unit == Unit::kLink) {
      if (dir == nullptr)
        c.Fail(path + ".dir", "missing (a link defect names its side: N, E, S or W)");
      c.Expect(*dir, util::Json::Type::kString, path + ".dir");
      const std::optional<int> side = ParseDir(dir->AsString());
      if (!side) c.Fail(path + ".dir", "expected N, E, S or W, found " + Quoted(dir->AsString()));
      d.dir = *side;
    } else if (dir != nullptr) {
      c.Fail(path + ".dir", std::string("only link defects have a dir (this one is ") + unit + ")");
    }

    d.kind = c.String(e, path, "kind");
    if (d.kind.empty()) c.Fail(path + ".kind", "empty");

    const util::Json& evidence = c.Need(e, path, "evidence");
    c.Expect(evidence, util::Json::Type::kObject, path + ".evidence");
    d.evidence = evidence;

    const auto [it, fresh] =
        seen.emplace(std::tuple{y * m.width + x, static_cast<int>(d.unit), d.dir}, i);
    if (!fresh) {
      std::string what = TileText(x, y) + " " + unit;
      if (d.unit == Unit::kLink) what += std::string(" ") + DirName(d.dir);
      c.Fail(path, "duplicate of defects[" + std::to_string(it->second) + "]: " + what);
    }
    m.defects.push_back(std::move(d));
  }
  return m;
}

DefectMap ReadDefectMap(const std::string& path) {
  return DefectMapFromJson(util::Json::Parse(util::ReadFile(path), path), path);
}

void WriteDefectMap(const std::string& path, const DefectMap& map) {
  const util::Json doc = ToJson(map);
  // Never persist what ReadDefectMap would refuse.
  DefectMapFromJson(doc, path);
  util::WriteFileAtomic(path, doc.Dump(2) + "\n");
}

bool Has(const DefectMap& map, int x, int y, Unit unit, int dir) {
  for (const Defect& d : map.defects) {
    if (d.x == x && d.y == y && d.unit == unit &&
        (unit != Unit::kLink || dir < 0 || d.dir == dir)) {
      return true;
    }
  }
  return false;
}

}  // namespace wse::fw
