#include "faults/fault_list.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/atomic_file.h"

namespace wse::tb {
namespace {

struct ClassInfo {
  const char* name;
  bool permanent;
  // Fields besides "class", "tile" and "intermittent", in the order written.
  std::vector<std::string_view> fields;
};

// Indexed by FaultClass.
const ClassInfo kClasses[kNumFaultClasses] = {
    {"sram_stuck_at", true, {"addr", "bit", "value"}},
    {"sram_transition", true, {"addr", "bit", "value"}},
    {"sram_coupling",
     true,
     {"addr", "bit", "aggressor_addr", "aggressor_bit", "kind", "rising", "value"}},
    {"sram_address_decoder", true, {"addr", "alias_addr"}},
    {"sram_flip", false, {"addr", "bit", "cycle"}},
    {"pe_dead", true, {}},
    {"pe_wrong_result", true, {"bit", "value"}},
    {"router_dead", true, {}},
    {"router_dead_port", true, {"port"}},
    {"tile_dead", true, {}},
    {"link_stuck", true, {"dir", "bit", "value"}},
    {"link_open", true, {"dir", "bit"}},
    {"link_bridge", true, {"dir", "bit", "bit2"}},
    {"link_drop", false, {"dir", "rate"}},
    {"cfg_flip", false, {"reg", "bit", "cycle"}},
};

const ClassInfo& Info(FaultClass cls) { return kClasses[static_cast<size_t>(cls)]; }

constexpr std::string_view kDirs[] = {"N", "E", "S", "W"};
constexpr std::string_view kPorts[] = {"N", "E", "S", "W", "ramp"};
constexpr std::string_view kKinds[] = {"inversion", "idempotent", "state"};
constexpr std::string_view kFaultKeys[] = {"class", "tile", "intermittent"};
constexpr std::string_view kIntermittentKeys[] = {"rate", "ea_ev"};
constexpr std::string_view kTopKeys[] = {"format", "version", "seed", "faults"};
constexpr const char* kFormat = "wse-fault-list";
constexpr int kVersion = 1;

std::string Quoted(std::string_view s) { return util::Json(s).Dump(0); }

std::string OneOf(std::span<const std::string_view> names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + Quoted(names[i]);
  return s;
}

void CheckLimits(const MeshLimits& l) {
  if (l.width < 1 || l.height < 1 || l.sram_words < 1) {
    throw std::invalid_argument("fault list: mesh limits " + std::to_string(l.width) + "x" +
                                std::to_string(l.height) + " with " + std::to_string(l.sram_words) +
                                " SRAM words: every one must be positive");
  }
}

// Reads the fields of one JSON object. Every message is
// "<source>: <path>.<field>: <problem>".
class Reader {
 public:
  Reader(const std::string& source, std::string path, const util::Json& obj)
      : source_(source), path_(std::move(path)), obj_(obj) {}

  [[noreturn]] void Fail(std::string_view field, const std::string& problem) const {
    std::string where = path_;
    if (!field.empty()) where += (where.empty() ? "" : ".") + std::string(field);
    throw FaultListError(source_ + ": " + (where.empty() ? "" : where + ": ") + problem);
  }

  const util::Json* Find(std::string_view key) const { return obj_.Get(key); }

  const util::Json& Need(std::string_view key) const {
    const util::Json* v = obj_.Get(key);
    if (v == nullptr) Fail(key, "missing");
    return *v;
  }

  void Expect(std::string_view key, const util::Json& v, util::Json::Type type,
              const char* what = nullptr) const {
    if (v.type() != type) {
      Fail(key, std::string("expected ") + (what ? what : util::Json::TypeName(type)) + ", found " +
                    util::Json::TypeName(v.type()));
    }
  }

  int64_t Int(std::string_view key, int64_t lo, int64_t hi) const {
    const util::Json& v = Need(key);
    Expect(key, v, util::Json::Type::kInt);
    const int64_t i = v.AsInt();
    if (i < lo || i > hi) {
      Fail(key, std::to_string(i) + " is out of range " + std::to_string(lo) + ".." +
                    std::to_string(hi));
    }
    return i;
  }

  int Addr(std::string_view key, int words) const {
    const util::Json& v = Need(key);
    Expect(key, v, util::Json::Type::kInt);
    const int64_t a = v.AsInt();
    if (a < 0) Fail(key, std::to_string(a) + " is negative");
    if (a >= words) {
      Fail(key, std::to_string(a) + " is beyond the SRAM (" + std::to_string(words) +
                    " words: 0.." + std::to_string(words - 1) + ")");
    }
    return static_cast<int>(a);
  }

  uint64_t U64(std::string_view key) const {
    return static_cast<uint64_t>(Int(key, 0, std::numeric_limits<int64_t>::max()));
  }

  bool Bool(std::string_view key) const {
    const util::Json& v = Need(key);
    Expect(key, v, util::Json::Type::kBool);
    return v.AsBool();
  }

  // A probability: 0 would be no fault at all.
  double Rate(std::string_view key) const {
    const util::Json& v = Need(key);
    if (!v.IsNumber()) Expect(key, v, util::Json::Type::kDouble, "a number");
    const double r = v.AsDouble();
    if (!(r > 0 && r <= 1)) Fail(key, util::Json(r).Dump(0) + " is not in (0, 1]");
    return r;
  }

  int Choice(std::string_view key, std::span<const std::string_view> names) const {
    const util::Json& v = Need(key);
    Expect(key, v, util::Json::Type::kString);
    for (size_t i = 0; i < names.size(); ++i) {
      if (v.AsString() == names[i]) return static_cast<int>(i);
    }
    Fail(key, "expected one of " + OneOf(names) + ", found " + Quoted(v.AsString()));
  }

  // Refused rather than ignored: "bitt" would otherwise leave "bit" missing
  // with a less helpful message, and a field meant for another class would
  // be silently dropped.
  void OnlyKeys(std::span<const std::string_view> common, std::span<const std::string_view> more,
                const std::string& owner) const {
    for (const auto& [k, v] : obj_.Members()) {
      if (std::find(common.begin(), common.end(), k) != common.end() ||
          std::find(more.begin(), more.end(), k) != more.end()) {
        continue;
      }
      std::string known;
      for (auto list : {common, more}) {
        for (std::string_view f : list) known += (known.empty() ? "" : ", ") + std::string(f);
      }
      Fail(k, "unknown field" + owner + " (known: " + known + ")");
    }
  }

 private:
  const std::string& source_;
  std::string path_;
  const util::Json& obj_;
};

Fault ParseFaultAt(const util::Json& e, const std::string& source, const std::string& path,
                   const MeshLimits& lim) {
  if (!e.IsObject()) {
    Reader(source, "", e)
        .Fail(path, std::string("expected an object, found ") + util::Json::TypeName(e.type()));
  }
  const Reader r(source, path, e);
  Fault f;
  const util::Json& cls = r.Need("class");
  r.Expect("class", cls, util::Json::Type::kString);
  const std::optional<FaultClass> c = ParseFaultClass(cls.AsString());
  if (!c) r.Fail("class", "unknown fault class " + Quoted(cls.AsString()));
  f.cls = *c;
  const ClassInfo& info = Info(f.cls);
  r.OnlyKeys(kFaultKeys, info.fields, std::string(" for ") + info.name);

  const util::Json& tile = r.Need("tile");
  if (!tile.IsArray() || tile.Size() != 2 || !tile.Items()[0].IsInt() || !tile.Items()[1].IsInt()) {
    r.Fail("tile", "expected [x, y] (two integers), found " + tile.Dump(0));
  }
  const int64_t x = tile.Items()[0].AsInt(), y = tile.Items()[1].AsInt();
  if (x < 0 || y < 0 || x >= lim.width || y >= lim.height) {
    r.Fail("tile", "(" + std::to_string(x) + "," + std::to_string(y) + ") is outside the " +
                       std::to_string(lim.width) + "x" + std::to_string(lim.height) + " mesh");
  }
  f.x = static_cast<int>(x);
  f.y = static_cast<int>(y);

  switch (f.cls) {
    case FaultClass::kSramStuckAt:
    case FaultClass::kSramTransition:
      f.addr = r.Addr("addr", lim.sram_words);
      f.bit = static_cast<int>(r.Int("bit", 0, kSramBits - 1));
      f.value = static_cast<int>(r.Int("value", 0, 1));
      break;
    case FaultClass::kSramCoupling:
      f.addr = r.Addr("addr", lim.sram_words);
      f.bit = static_cast<int>(r.Int("bit", 0, kSramBits - 1));
      f.aggressor_addr = r.Addr("aggressor_addr", lim.sram_words);
      f.aggressor_bit = static_cast<int>(r.Int("aggressor_bit", 0, kSramBits - 1));
      if (f.aggressor_addr == f.addr && f.aggressor_bit == f.bit) {
        r.Fail("aggressor_bit", "the aggressor is the victim cell (addr " + std::to_string(f.addr) +
                                    ", bit " + std::to_string(f.bit) + ")");
      }
      f.kind = static_cast<CouplingKind>(r.Choice("kind", kKinds));
      f.rising = r.Bool("rising");
      f.value = static_cast<int>(r.Int("value", 0, 1));
      break;
    case FaultClass::kSramAddressDecoder:
      f.addr = r.Addr("addr", lim.sram_words);
      f.alias_addr = r.Addr("alias_addr", lim.sram_words);
      if (f.alias_addr == f.addr)
        r.Fail("alias_addr", "equals addr (" + std::to_string(f.addr) + ")");
      break;
    case FaultClass::kSramFlip:
      f.addr = r.Addr("addr", lim.sram_words);
      f.bit = static_cast<int>(r.Int("bit", 0, kSramBits - 1));
      f.cycle = r.U64("cycle");
      break;
    case FaultClass::kPeWrongResult:
      f.bit = static_cast<int>(r.Int("bit", 0, kPeResultBits - 1));
      f.value = static_cast<int>(r.Int("value", 0, 1));
      break;
    case FaultClass::kRouterDeadPort:
      f.port = r.Choice("port", kPorts);
      break;
    case FaultClass::kLinkStuck:
      f.dir = r.Choice("dir", kDirs);
      f.bit = static_cast<int>(r.Int("bit", 0, kLinkBits - 1));
      f.value = static_cast<int>(r.Int("value", 0, 1));
      break;
    case FaultClass::kLinkOpen:
      f.dir = r.Choice("dir", kDirs);
      f.bit = static_cast<int>(r.Int("bit", 0, kLinkBits - 1));
      break;
    case FaultClass::kLinkBridge:
      f.dir = r.Choice("dir", kDirs);
      f.bit = static_cast<int>(r.Int("bit", 0, kLinkBits - 1));
      f.bit2 = static_cast<int>(r.Int("bit2", 0, kLinkBits - 1));
      if (f.bit2 == f.bit) r.Fail("bit2", "equals bit (" + std::to_string(f.bit) + ")");
      break;
    case FaultClass::kLinkDrop:
      f.dir = r.Choice("dir", kDirs);
      f.rate = r.Rate("rate");
      break;
    case FaultClass::kCfgFlip:
      f.reg = static_cast<int>(r.Int("reg", 0, kCfgRegs - 1));
      f.bit = static_cast<int>(r.Int("bit", 0, kCfgBits - 1));
      f.cycle = r.U64("cycle");
      break;
    case FaultClass::kPeDead:
    case FaultClass::kRouterDead:
    case FaultClass::kTileDead:
      break;
  }

  if (const util::Json* in = r.Find("intermittent")) {
    if (!info.permanent) {
      r.Fail("intermittent",
             std::string(info.name) + " is not a permanent fault; only those can be intermittent");
    }
    r.Expect("intermittent", *in, util::Json::Type::kObject);
    const Reader ri(source, path + ".intermittent", *in);
    ri.OnlyKeys(kIntermittentKeys, {}, "");
    Intermittent it;
    it.rate = ri.Rate("rate");
    if (const util::Json* ea = ri.Find("ea_ev")) {
      if (!ea->IsNumber()) ri.Expect("ea_ev", *ea, util::Json::Type::kDouble, "a number");
      it.ea_ev = ea->AsDouble();
      if (!(it.ea_ev > 0) || !std::isfinite(it.ea_ev)) {
        ri.Fail("ea_ev", util::Json(it.ea_ev).Dump(0) + " is not a positive activation energy");
      }
    }
    f.intermittent = it;
  }
  return f;
}

util::Json Int64(uint64_t v, const char* field) {
  if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    throw FaultListError(std::string("fault list: ") + field + ": " + std::to_string(v) +
                         " is beyond the JSON integer range (at most 2^63 - 1)");
  }
  return util::Json(v);
}

// Uniform draws from the raw 64-bit stream, identical on every standard
// library (the std distributions are not).
class Draw {
 public:
  explicit Draw(uint64_t seed) : eng_(seed) {}
  // Uniform in [0, n), n > 0, without modulo bias.
  uint64_t Below(uint64_t n) {
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    const uint64_t limit = max - max % n;
    uint64_t r;
    do r = eng_();
    while (r >= limit);
    return r % n;
  }
  int Int(int n) { return static_cast<int>(Below(static_cast<uint64_t>(n))); }
  // Uniform in [0, n) except `skip`.
  int IntExcept(int n, int skip) {
    const int v = Int(n - 1);
    return v >= skip ? v + 1 : v;
  }
  // Uniform in (0, 1] on a 2^-53 grid.
  double Rate() { return static_cast<double>((eng_() >> 11) + 1) * 0x1p-53; }

 private:
  std::mt19937_64 eng_;
};

}  // namespace

std::vector<FaultClass> AllFaultClasses() {
  std::vector<FaultClass> all;
  for (int i = 0; i < kNumFaultClasses; ++i) all.push_back(static_cast<FaultClass>(i));
  return all;
}

const char* FaultClassName(FaultClass cls) {
  const auto i = static_cast<size_t>(cls);
  return i < std::size(kClasses) ? kClasses[i].name : "?";
}

std::optional<FaultClass> ParseFaultClass(std::string_view name) {
  for (int i = 0; i < kNumFaultClasses; ++i) {
    if (name == kClasses[i].name) return static_cast<FaultClass>(i);
  }
  return std::nullopt;
}

bool IsPermanent(FaultClass cls) { return Info(cls).permanent; }

const char* CouplingKindName(CouplingKind kind) {
  const auto i = static_cast<size_t>(kind);
  return i < std::size(kKinds) ? kKinds[i].data() : "?";
}

const char* PortName(int port) {
  return port >= 0 && port < static_cast<int>(std::size(kPorts)) ? kPorts[port].data() : "?";
}

FaultList ParseFaultList(const util::Json& doc, const std::string& source,
                         const MeshLimits& limits) {
  CheckLimits(limits);
  const Reader top(source, "", doc);
  if (!doc.IsObject()) {
    top.Fail("", std::string("expected an object at the top level, found ") +
                     util::Json::TypeName(doc.type()));
  }
  const util::Json& format = top.Need("format");
  top.Expect("format", format, util::Json::Type::kString);
  if (format.AsString() != kFormat) {
    top.Fail("format",
             std::string("expected \"") + kFormat + "\", found " + Quoted(format.AsString()));
  }
  const util::Json& version = top.Need("version");
  top.Expect("version", version, util::Json::Type::kInt);
  if (version.AsInt() > kVersion) {
    top.Fail("version", std::to_string(version.AsInt()) +
                            " is newer than this build reads (version " + std::to_string(kVersion) +
                            ")");
  }
  if (version.AsInt() < 1) {
    top.Fail("version", std::to_string(version.AsInt()) +
                            " is not a version (this build reads version " +
                            std::to_string(kVersion) + ")");
  }
  top.OnlyKeys(kTopKeys, {}, "");

  FaultList list;
  list.version = static_cast<int>(version.AsInt());
  if (top.Find("seed") != nullptr) list.seed = top.U64("seed");
  const util::Json* faults = top.Find("faults");
  if (faults == nullptr) {
    if (top.Find("seed") == nullptr)
      top.Fail("faults", "missing (give the faults, or a seed to draw them from)");
    list.random = true;
    return list;
  }
  top.Expect("faults", *faults, util::Json::Type::kArray);
  for (size_t i = 0; i < faults->Size(); ++i) {
    list.faults.push_back(
        ParseFaultAt(faults->Items()[i], source, "faults[" + std::to_string(i) + "]", limits));
  }
  return list;
}

Fault ParseFault(const util::Json& obj, const std::string& source, const std::string& path,
                 const MeshLimits& limits) {
  CheckLimits(limits);
  return ParseFaultAt(obj, source, path, limits);
}

FaultList ReadFaultList(const std::string& path, const MeshLimits& limits) {
  return ParseFaultList(util::Json::Parse(util::ReadFile(path), path), path, limits);
}

util::Json ToJson(const Fault& f) {
  util::Json e = util::Json::Object();
  e.Set("class", util::Json(FaultClassName(f.cls)));
  util::Json& tile = e.Set("tile", util::Json::Array());
  tile.Push(util::Json(f.x));
  tile.Push(util::Json(f.y));
  for (std::string_view field : Info(f.cls).fields) {
    util::Json v;
    if (field == "addr")
      v = util::Json(f.addr);
    else if (field == "bit")
      v = util::Json(f.bit);
    else if (field == "value")
      v = util::Json(f.value);
    else if (field == "aggressor_addr")
      v = util::Json(f.aggressor_addr);
    else if (field == "aggressor_bit")
      v = util::Json(f.aggressor_bit);
    else if (field == "kind")
      v = util::Json(CouplingKindName(f.kind));
    else if (field == "rising")
      v = util::Json(f.rising);
    else if (field == "alias_addr")
      v = util::Json(f.alias_addr);
    else if (field == "cycle")
      v = Int64(f.cycle, "cycle");
    else if (field == "port")
      v = util::Json(PortName(f.port));
    else if (field == "dir")
      v = util::Json(f.dir >= 0 && f.dir < 4 ? kDirs[f.dir].data() : "?");
    else if (field == "bit2")
      v = util::Json(f.bit2);
    else if (field == "rate")
      v = util::Json(f.rate);
    else if (field == "reg")
      v = util::Json(f.reg);
    e.Set(field, std::move(v));
  }
  if (f.intermittent) {
    util::Json& in = e.Set("intermittent", util::Json::Object());
    in.Set("rate", util::Json(f.intermittent->rate));
    in.Set("ea_ev", util::Json(f.intermittent->ea_ev));
  }
  return e;
}

util::Json ToJson(const FaultList& list) {
  util::Json doc = util::Json::Object();
  doc.Set("format", util::Json(kFormat));
  doc.Set("version", util::Json(list.version));
  doc.Set("seed", Int64(list.seed, "seed"));
  if (list.random) return doc;
  util::Json& faults = doc.Set("faults", util::Json::Array());
  for (const Fault& f : list.faults) faults.Push(ToJson(f));
  return doc;
}

FaultList GenerateFaults(uint64_t seed, int count, const MeshLimits& limits,
                         const std::vector<FaultClass>& classes, uint64_t cycle_window) {
  CheckLimits(limits);
  const int64_t tiles = int64_t{limits.width} * limits.height;
  if (count < 0 || count > tiles) {
    throw std::invalid_argument("GenerateFaults: " + std::to_string(count) +
                                " faults do not fit one per tile on the " +
                                std::to_string(limits.width) + "x" + std::to_string(limits.height) +
                                " mesh (" + std::to_string(tiles) + " tiles)");
  }
  if (count > 0 && classes.empty())
    throw std::invalid_argument("GenerateFaults: no fault classes to draw from");
  for (FaultClass c : classes) {
    if (c == FaultClass::kSramAddressDecoder && limits.sram_words < 2) {
      throw std::invalid_argument(
          "GenerateFaults: sram_address_decoder needs at least 2 SRAM words");
    }
    if ((c == FaultClass::kSramFlip || c == FaultClass::kCfgFlip) && cycle_window == 0) {
      throw std::invalid_argument(std::string("GenerateFaults: ") + FaultClassName(c) +
                                  " needs a cycle window");
    }
  }

  Draw d(seed);
  FaultList list;
  list.seed = seed;
  // Distinct tiles by a partial Fisher-Yates shuffle of 0..tiles-1 that only
  // materialises the slots it touches: O(count), even on a 1000x1000 wafer.
  std::unordered_map<int64_t, int64_t> moved;
  auto slot = [&](int64_t i) {
    const auto it = moved.find(i);
    return it == moved.end() ? i : it->second;
  };
  const int words = limits.sram_words;
  for (int n = 0; n < count; ++n) {
    const int64_t j = n + static_cast<int64_t>(d.Below(static_cast<uint64_t>(tiles - n)));
    const int64_t tile = slot(j);
    moved[j] = slot(n);
    Fault f;
    f.x = static_cast<int>(tile % limits.width);
    f.y = static_cast<int>(tile / limits.width);
    f.cls = classes[d.Below(classes.size())];
    switch (f.cls) {
      case FaultClass::kSramStuckAt:
      case FaultClass::kSramTransition:
        f.addr = d.Int(words);
        f.bit = d.Int(kSramBits);
        f.value = d.Int(2);
        break;
      case FaultClass::kSramCoupling: {
        // One draw over all other cells: uniform, and never the victim.
        const uint64_t cells = static_cast<uint64_t>(words) * kSramBits;
        const uint64_t victim = d.Below(cells);
        uint64_t aggressor = d.Below(cells - 1);
        if (aggressor >= victim) ++aggressor;
        f.addr = static_cast<int>(victim / kSramBits);
        f.bit = static_cast<int>(victim % kSramBits);
        f.aggressor_addr = static_cast<int>(aggressor / kSramBits);
        f.aggressor_bit = static_cast<int>(aggressor % kSramBits);
        f.kind = static_cast<CouplingKind>(d.Int(3));
        f.rising = d.Int(2) == 1;
        f.value = d.Int(2);
        break;
      }
      case FaultClass::kSramAddressDecoder:
        f.addr = d.Int(words);
        f.alias_addr = d.IntExcept(words, f.addr);
        break;
      case FaultClass::kSramFlip:
        f.addr = d.Int(words);
        f.bit = d.Int(kSramBits);
        f.cycle = d.Below(cycle_window);
        break;
      case FaultClass::kPeWrongResult:
        f.bit = d.Int(kPeResultBits);
        f.value = d.Int(2);
        break;
      case FaultClass::kRouterDeadPort:
        f.port = d.Int(static_cast<int>(std::size(kPorts)));
        break;
      case FaultClass::kLinkStuck:
        f.dir = d.Int(4);
        f.bit = d.Int(kLinkBits);
        f.value = d.Int(2);
        break;
      case FaultClass::kLinkOpen:
        f.dir = d.Int(4);
        f.bit = d.Int(kLinkBits);
        break;
      case FaultClass::kLinkBridge:
        f.dir = d.Int(4);
        f.bit = d.Int(kLinkBits);
        f.bit2 = d.IntExcept(kLinkBits, f.bit);
        break;
      case FaultClass::kLinkDrop:
        f.dir = d.Int(4);
        f.rate = d.Rate();
        break;
      case FaultClass::kCfgFlip:
        f.reg = d.Int(kCfgRegs);
        f.bit = d.Int(kCfgBits);
        f.cycle = d.Below(cycle_window);
        break;
      case FaultClass::kPeDead:
      case FaultClass::kRouterDead:
      case FaultClass::kTileDead:
        break;
    }
    list.faults.push_back(f);
  }
  // Row-major order reads like the wafer; the draw order carries no meaning.
  std::sort(list.faults.begin(), list.faults.end(), [](const Fault& a, const Fault& b) {
    return std::pair(a.y, a.x) < std::pair(b.y, b.x);
  });
  return list;
}

}  // namespace wse::tb
