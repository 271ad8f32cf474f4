#include "burnin/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <span>
#include <sstream>
#include <string_view>
#include <unistd.h>
#include <utility>

#include "faults/fault_injector.h"
#include "util/atomic_file.h"

namespace wse::burnin {
namespace {

using util::Json;
constexpr int64_t kJsonMax = std::numeric_limits<int64_t>::max();

// The kernels' names as the firmware spells them, in enum order.
std::array<std::string_view, kNumKernels> KernelNames() {
  std::array<std::string_view, kNumKernels> n;
  for (int i = 0; i < kNumKernels; ++i) n[static_cast<size_t>(i)] = KernelName(static_cast<Kernel>(i));
  return n;
}
constexpr std::string_view kOrders[] = {"weighted", "sequence"};
constexpr std::string_view kDirs[] = {"N", "E", "S", "W"};

std::string Quoted(std::string_view s) { return Json(s).Dump(0); }

// A number as a person writes it (250, 0.7, 1e+09), not as JSON keeps a double (250.0).
std::string Plain(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

std::string Join(std::span<const std::string_view> names) {
  std::string s;
  for (std::string_view n : names) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

// The fields of one JSON object at `path`; every message is
// "<source>: <path>.<field>: <problem>".
class Obj {
 public:
  Obj(const std::string& source, std::string path, const Json& obj)
      : source_(source), path_(std::move(path)), obj_(obj) {
    if (!obj.IsObject()) FailHere(std::string("expected an object, found ") + Json::TypeName(obj.type()));
  }

  std::string PathOf(std::string_view field) const {
    if (field.empty()) return path_;
    if (field.front() == '[') return path_ + std::string(field);
    return path_.empty() ? std::string(field) : path_ + "." + std::string(field);
  }
  [[noreturn]] void Fail(std::string_view field, const std::string& problem) const {
    const std::string where = PathOf(field);
    throw ScenarioError(source_ + ": " + (where.empty() ? "" : where + ": ") + problem);
  }
  [[noreturn]] void FailHere(const std::string& problem) const { Fail("", problem); }

  bool Has(std::string_view key) const { return obj_.Get(key) != nullptr; }
  const Json* Find(std::string_view key) const { return obj_.Get(key); }
  const Json& Need(std::string_view key) const {
    const Json* v = obj_.Get(key);
    if (v == nullptr) Fail(key, "missing");
    return *v;
  }
  void Expect(std::string_view key, const Json& v, Json::Type type, const char* what = nullptr) const {
    if (v.type() != type) {
      Fail(key, std::string("expected ") + (what ? what : Json::TypeName(type)) + ", found " +
                    Json::TypeName(v.type()));
    }
  }
  Obj Child(std::string_view key) const { return Obj(source_, PathOf(key), Need(key)); }
  const Json& Array(std::string_view key) const {
    const Json& v = Need(key);
    Expect(key, v, Json::Type::kArray);
    return v;
  }

  int64_t Int(std::string_view key, int64_t lo, int64_t hi) const {
    const Json& v = Need(key);
    Expect(key, v, Json::Type::kInt);
    const int64_t i = v.AsInt();
    if (i < lo || i > hi)
      Fail(key, std::to_string(i) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
    return i;
  }
  uint64_t U64(std::string_view key, uint64_t lo = 0, uint64_t hi = kJsonMax) const {
    return static_cast<uint64_t>(Int(key, static_cast<int64_t>(lo), static_cast<int64_t>(hi)));
  }
  double Num(std::string_view key, double lo, double hi, const char* unit = "") const {
    const Json& v = Need(key);
    if (!v.IsNumber()) Expect(key, v, Json::Type::kDouble, "a number");
    const double d = v.AsDouble();
    if (!(d >= lo && d <= hi)) {
      Fail(key, Plain(d) + unit + " is out of range " + Plain(lo) + ".." + Plain(hi) + unit);
    }
    return d;
  }
  double Temperature(std::string_view key) const {
    return Num(key, kMinTemperatureC, kMaxTemperatureC, " C");
  }
  const std::string& Str(std::string_view key) const {
    const Json& v = Need(key);
    Expect(key, v, Json::Type::kString);
    return v.AsString();
  }
  bool Bool(std::string_view key) const {
    const Json& v = Need(key);
    Expect(key, v, Json::Type::kBool);
    return v.AsBool();
  }
  int Choice(std::string_view key, std::span<const std::string_view> names) const {
    const std::string& s = Str(key);
    for (size_t i = 0; i < names.size(); ++i) {
      if (s == names[i]) return static_cast<int>(i);
    }
    std::string known;
    for (std::string_view n : names) known += (known.empty() ? "" : ", ") + Quoted(n);
    Fail(key, "expected one of " + known + ", found " + Quoted(s));
  }
  void OnlyKeys(std::span<const std::string_view> known) const {
    for (const auto& [k, v] : obj_.Members()) {
      if (std::find(known.begin(), known.end(), k) == known.end())
        Fail(k, "unknown field (known: " + Join(known) + ")");
    }
  }
  const std::string& source() const { return source_; }

 private:
  const std::string& source_;
  std::string path_;
  const Json& obj_;
};

bool IsLinkClass(tb::FaultClass c) {
  return c == tb::FaultClass::kLinkStuck || c == tb::FaultClass::kLinkOpen ||
         c == tb::FaultClass::kLinkBridge || c == tb::FaultClass::kLinkDrop;
}

// A fault object by the fault list's rules, plus what a scenario's mesh
// adds: links stay inside (edge links are not modelled) and dead tiles or
// PEs do not come and go (the injector's rule).
tb::Fault ReadFault(const Json& v, const std::string& source, const std::string& path, const Mesh& mesh) {
  tb::Fault f;
  try {
    f = tb::ParseFault(v, source, path, Limits(mesh));
  } catch (const tb::FaultListError& e) {
    throw ScenarioError(e.what());
  }
  if (IsLinkClass(f.cls)) {
    const int dx[] = {0, 1, 0, -1}, dy[] = {-1, 0, 1, 0};
    const int nx = f.x + dx[f.dir], ny = f.y + dy[f.dir];
    if (nx < 0 || ny < 0 || nx >= mesh.width || ny >= mesh.height) {
      throw ScenarioError(source + ": " + path + ".dir: " + std::string(kDirs[f.dir]) + " of (" +
                          std::to_string(f.x) + "," + std::to_string(f.y) +
                          ") leads off the mesh (edge links are not modelled)");
    }
  }
  if (f.intermittent && (f.cls == tb::FaultClass::kTileDead || f.cls == tb::FaultClass::kPeDead)) {
    throw ScenarioError(source + ": " + path + ".intermittent: a dead tile or PE cannot come and go (use "
                        "pe_wrong_result or router_dead for a marginal tile)");
  }
  return f;
}

constexpr std::string_view kTopKeys[] = {"format", "version", "name",   "description", "mesh", "manufacturing",
                                         "stress", "events",  "workload", "seeds",      "expect"};
constexpr std::string_view kMeshKeys[] = {"width", "height", "spares"};
constexpr std::string_view kMfgKeys[] = {"faults", "seed", "density_per_tile", "count", "classes"};
constexpr std::string_view kStressKeys[] = {"profile", "arrhenius", "clock_hz"};
constexpr std::string_view kStepKeys[] = {"at_cycle", "temperature_c"};
constexpr std::string_view kRampKeys[] = {"from_cycle", "to_cycle", "from_c", "to_c"};
constexpr std::string_view kArrKeys[] = {"ea_ev", "stress_c", "use_c"};
constexpr std::string_view kEventKeys[] = {"at_cycle", "fault", "ramp"};
constexpr std::string_view kDropRampKeys[] = {"to_rate", "to_cycle"};
constexpr std::string_view kWorkloadKeys[] = {"mix", "order", "duration_cycles", "checkpoint_every"};
constexpr std::string_view kMixKeys[] = {"kernel", "weight"};
constexpr std::string_view kSeedKeys[] = {"faults", "workload"};
constexpr std::string_view kExpectKeys[] = {"degraded"};

Mesh ReadMesh(const Obj& o) {
  o.OnlyKeys(kMeshKeys);
  Mesh m;
  m.width = static_cast<int>(o.Int("width", 1, kMaxMeshSide));
  m.height = static_cast<int>(o.Int("height", 1, kMaxMeshSide));
  if (o.Has("spares")) {
    m.spares = static_cast<int>(o.Int("spares", 0, kMaxMeshSide));
    if (m.spares >= m.width) {
      o.Fail("spares", std::to_string(m.spares) + " leaves no logical column in a " + std::to_string(m.width) +
                           "-tile row (spares must be below width)");
    }
  } else if (m.width < 2) {
    m.spares = 0;
  }
  return m;
}

std::vector<tb::FaultClass> DefaultClasses() {
  std::vector<tb::FaultClass> out;
  for (tb::FaultClass c : tb::InjectableClasses()) {
    if (tb::IsPermanent(c)) out.push_back(c);
  }
  return out;
}

Manufacturing ReadManufacturing(const Obj& o, const Mesh& mesh) {
  o.OnlyKeys(kMfgKeys);
  Manufacturing m;
  if (o.Has("faults")) {
    for (std::string_view k : {"seed", "density_per_tile", "count", "classes"}) {
      if (o.Has(k)) o.Fail(k, "not with \"faults\" (give the faults, or a seed and a density or count)");
    }
    const Json& faults = o.Array("faults");
    for (size_t i = 0; i < faults.Size(); ++i) {
      m.faults.push_back(
          ReadFault(faults.Items()[i], o.source(), o.PathOf("faults[" + std::to_string(i) + "]"), mesh));
    }
    return m;
  }
  m.drawn = true;
  if (!o.Has("seed")) o.Fail("seed", "missing (give \"faults\", or a seed and a density_per_tile or count)");
  m.seed = o.U64("seed");
  const int tiles = mesh.width * mesh.height;
  if (o.Has("density_per_tile") == o.Has("count"))
    o.Fail(o.Has("count") ? "count" : "density_per_tile", "give exactly one of density_per_tile and count");
  if (o.Has("count")) m.count = static_cast<int>(o.Int("count", 0, tiles));
  if (o.Has("density_per_tile")) m.density_per_tile = o.Num("density_per_tile", 0.0, 1.0);
  if (o.Has("classes")) {
    const Json& cls = o.Array("classes");
    if (cls.Size() == 0) o.Fail("classes", "empty (leave it out for every permanent injectable class)");
    const std::vector<tb::FaultClass> allowed = DefaultClasses();
    for (size_t i = 0; i < cls.Size(); ++i) {
      const std::string at = "classes[" + std::to_string(i) + "]";
      const Json& c = cls.Items()[i];
      if (!c.IsString()) o.Fail(at, std::string("expected a string, found ") + Json::TypeName(c.type()));
      const std::optional<tb::FaultClass> fc = tb::ParseFaultClass(c.AsString());
      if (!fc || std::find(allowed.begin(), allowed.end(), *fc) == allowed.end()) {
        std::string known;
        for (tb::FaultClass a : allowed) known += (known.empty() ? "" : ", ") + std::string(tb::FaultClassName(a));
        o.Fail(at, Quoted(c.AsString()) + " is not a permanent class the fault-injection tile injects (" +
                       known + ")");
      }
      if (std::find(m.classes.begin(), m.classes.end(), *fc) != m.classes.end()) o.Fail(at, "listed twice");
      m.classes.push_back(*fc);
    }
  } else {
    m.classes = DefaultClasses();
  }
  return m;
}

Stress ReadStress(const Obj& o, uint64_t duration) {
  o.OnlyKeys(kStressKeys);
  Stress s;
  const Json& prof = o.Array("profile");
  if (prof.Size() == 0) o.Fail("profile", "empty (give at least {\"at_cycle\": 0, \"temperature_c\": T})");
  uint64_t not_before = 0;  // the previous segment's start + 1, or its ramp's end
  for (size_t i = 0; i < prof.Size(); ++i) {
    const Obj e(o.source(), o.PathOf("profile[" + std::to_string(i) + "]"), prof.Items()[i]);
    Segment seg;
    if (e.Has("at_cycle") || e.Has("temperature_c")) {
      e.OnlyKeys(kStepKeys);
      seg.from_cycle = e.U64("at_cycle");
      seg.to_c = e.Temperature("temperature_c");
    } else if (e.Has("from_cycle") || e.Has("to_cycle") || e.Has("from_c") || e.Has("to_c")) {
      e.OnlyKeys(kRampKeys);
      seg.ramp = true;
      seg.from_cycle = e.U64("from_cycle");
      seg.to_cycle = e.U64("to_cycle");
      seg.from_c = e.Temperature("from_c");
      seg.to_c = e.Temperature("to_c");
      if (seg.to_cycle <= seg.from_cycle) {
        e.Fail("to_cycle", std::to_string(seg.to_cycle) + " is not after from_cycle (" +
                               std::to_string(seg.from_cycle) + ")");
      }
      if (seg.to_cycle > duration) {
        e.Fail("to_cycle", std::to_string(seg.to_cycle) + " is beyond workload.duration_cycles (" +
                               std::to_string(duration) + ")");
      }
    } else {
      e.FailHere("expected a step {\"at_cycle\", \"temperature_c\"} or a ramp {\"from_cycle\", \"to_cycle\", "
                 "\"from_c\", \"to_c\"}");
    }
    const char* start = seg.ramp ? "from_cycle" : "at_cycle";
    if (i == 0 && seg.from_cycle != 0)
      e.Fail(start, std::to_string(seg.from_cycle) + ": the profile must start at cycle 0");
    if (i > 0 && seg.from_cycle < not_before) {
      e.Fail(start, std::to_string(seg.from_cycle) + " is not after the previous segment (cycles must increase; "
                        "next start at least " + std::to_string(not_before) + ")");
    }
    if (seg.from_cycle >= duration && i > 0) {
      e.Fail(start, std::to_string(seg.from_cycle) + " is not before workload.duration_cycles (" +
                        std::to_string(duration) + ")");
    }
    not_before = seg.ramp ? seg.to_cycle : seg.from_cycle + 1;
    s.profile.push_back(seg);
  }
  if (o.Has("arrhenius")) {
    const Obj a = o.Child("arrhenius");
    a.OnlyKeys(kArrKeys);
    if (a.Has("ea_ev")) s.arrhenius.ea_ev = a.Num("ea_ev", 0.01, 3.0, " eV");
    if (a.Has("stress_c")) s.arrhenius.stress_c = a.Temperature("stress_c");
    if (a.Has("use_c")) s.arrhenius.use_c = a.Temperature("use_c");
    if (!(s.arrhenius.stress_c > s.arrhenius.use_c)) {
      a.Fail(a.Has("use_c") ? "use_c" : "stress_c",
             "stress_c (" + Plain(s.arrhenius.stress_c) + " C) must be above use_c (" +
                 Plain(s.arrhenius.use_c) + " C)");
    }
  }
  if (o.Has("clock_hz")) s.clock_hz = o.Num("clock_hz", 1e3, 1e11, " Hz");
  return s;
}

Event ReadEvent(const Obj& e, const Mesh& mesh, uint64_t duration) {
  e.OnlyKeys(kEventKeys);
  Event ev;
  ev.fault = ReadFault(e.Need("fault"), e.source(), e.PathOf("fault"), mesh);
  const bool transient = ev.fault.cls == tb::FaultClass::kSramFlip || ev.fault.cls == tb::FaultClass::kCfgFlip;
  if (transient) {
    if (e.Has("at_cycle")) {
      e.Fail("at_cycle", std::string("not for ") + tb::FaultClassName(ev.fault.cls) +
                             ": a transient strikes at its fault's \"cycle\"");
    }
    if (ev.fault.cycle >= duration) {
      e.Fail("fault.cycle", std::to_string(ev.fault.cycle) + " is not before workload.duration_cycles (" +
                                std::to_string(duration) + ")");
    }
  } else {
    ev.at_cycle = e.U64("at_cycle", 0, duration - 1);
  }
  if (e.Has("ramp")) {
    if (ev.fault.cls != tb::FaultClass::kLinkDrop)
      e.Fail("ramp", std::string("only a link_drop ramps its rate, not ") + tb::FaultClassName(ev.fault.cls));
    const Obj r = e.Child("ramp");
    r.OnlyKeys(kDropRampKeys);
    DropRamp dr;
    dr.to_rate = r.Num("to_rate", 0.0, 1.0);
    if (!(dr.to_rate > ev.fault.rate)) {
      r.Fail("to_rate", Plain(dr.to_rate) + " is not above the fault's rate (" + Plain(ev.fault.rate) +
                            "): a degrading link drops more, not less");
    }
    dr.to_cycle = r.U64("to_cycle", 0, duration);
    if (dr.to_cycle <= *ev.at_cycle) {
      r.Fail("to_cycle", std::to_string(dr.to_cycle) + " is not after at_cycle (" + std::to_string(*ev.at_cycle) +
                             ")");
    }
    ev.ramp = dr;
  }
  return ev;
}

Workload ReadWorkload(const Obj& o) {
  o.OnlyKeys(kWorkloadKeys);
  Workload w;
  w.duration_cycles = o.U64("duration_cycles", 1, kMaxDurationCycles);
  if (o.Has("order")) w.order = static_cast<MixOrder>(o.Choice("order", kOrders));
  if (o.Has("checkpoint_every")) w.checkpoint_every = static_cast<int>(o.Int("checkpoint_every", 1, 1'000'000));
  const Json& mix = o.Array("mix");
  if (mix.Size() == 0) o.Fail("mix", "empty (give at least one kernel)");
  for (size_t i = 0; i < mix.Size(); ++i) {
    const Obj m(o.source(), o.PathOf("mix[" + std::to_string(i) + "]"), mix.Items()[i]);
    m.OnlyKeys(kMixKeys);
    MixEntry e;
    e.kernel = static_cast<Kernel>(m.Choice("kernel", KernelNames()));
    if (m.Has("weight")) e.weight = static_cast<int>(m.Int("weight", 1, 1000));
    for (const MixEntry& prev : w.mix) {
      if (prev.kernel == e.kernel) m.Fail("kernel", Quoted(KernelName(e.kernel)) + " is listed twice");
    }
    w.mix.push_back(e);
  }
  return w;
}

Json Segment2Json(const Segment& s) {
  Json j = Json::Object();
  if (s.ramp) {
    j.Set("from_cycle", Json(s.from_cycle));
    j.Set("to_cycle", Json(s.to_cycle));
    j.Set("from_c", Json(s.from_c));
    j.Set("to_c", Json(s.to_c));
  } else {
    j.Set("at_cycle", Json(s.from_cycle));
    j.Set("temperature_c", Json(s.to_c));
  }
  return j;
}

}  // namespace

tb::MeshLimits Limits(const Mesh& mesh) { return {mesh.width, mesh.height, kFaultTileSramWords}; }

Scenario ParseScenario(const Json& doc, const std::string& source) {
  if (!doc.IsObject())
    throw ScenarioError(source + ": expected an object at the top level, found " + Json::TypeName(doc.type()));
  const Obj top(source, "", doc);
  const std::string& format = top.Str("format");
  if (format != kScenarioFormat)
    top.Fail("format", std::string("expected \"") + kScenarioFormat + "\", found " + Quoted(format));
  const Json& version = top.Need("version");
  top.Expect("version", version, Json::Type::kInt);
  if (version.AsInt() != kScenarioVersion) {
    top.Fail("version", std::to_string(version.AsInt()) + " is not a version this build reads (version " +
                            std::to_string(kScenarioVersion) + ")");
  }
  top.OnlyKeys(kTopKeys);

  Scenario s;
  s.version = static_cast<int>(version.AsInt());
  s.name = top.Str("name");
  if (s.name.empty() || s.name.size() > 64 ||
      !std::all_of(s.name.begin(), s.name.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; })) {
    top.Fail("name", Quoted(s.name) + " is not 1..64 characters of a-z, 0-9 and _");
  }
  s.description = top.Str("description");
  if (s.description.empty() || s.description.size() > 160 ||
      s.description.find_first_of("\n\r\t") != std::string::npos) {
    top.Fail("description", "must be one line of 1..160 characters");
  }
  s.mesh = ReadMesh(top.Child("mesh"));
  // The workload first: the profile and the events are checked against its duration.
  s.workload = ReadWorkload(top.Child("workload"));
  const uint64_t duration = s.workload.duration_cycles;
  s.manufacturing = ReadManufacturing(top.Child("manufacturing"), s.mesh);
  s.stress = ReadStress(top.Child("stress"), duration);
  if (top.Has("events")) {
    const Json& events = top.Array("events");
    for (size_t i = 0; i < events.Size(); ++i) {
      const Obj e(source, "events[" + std::to_string(i) + "]", events.Items()[i]);
      s.events.push_back(ReadEvent(e, s.mesh, duration));
    }
  }
  const Obj seeds = top.Child("seeds");
  seeds.OnlyKeys(kSeedKeys);
  s.seeds.faults = seeds.U64("faults");
  s.seeds.workload = seeds.U64("workload");
  if (top.Has("expect")) {
    const Obj ex = top.Child("expect");
    ex.OnlyKeys(kExpectKeys);
    if (ex.Has("degraded")) s.expect.degraded = ex.Bool("degraded");
  }
  return s;
}

Scenario ReadScenario(const std::string& path) { return ParseScenario(Json::Parse(util::ReadFile(path), path), path); }

Json ToJson(const Scenario& s) {
  Json doc = Json::Object();
  doc.Set("format", Json(kScenarioFormat));
  doc.Set("version", Json(s.version));
  doc.Set("name", Json(s.name));
  doc.Set("description", Json(s.description));
  Json& mesh = doc.Set("mesh", Json::Object());
  mesh.Set("width", Json(s.mesh.width));
  mesh.Set("height", Json(s.mesh.height));
  mesh.Set("spares", Json(s.mesh.spares));

  Json& mfg = doc.Set("manufacturing", Json::Object());
  if (s.manufacturing.drawn) {
    mfg.Set("seed", Json(s.manufacturing.seed));
    if (s.manufacturing.count) mfg.Set("count", Json(*s.manufacturing.count));
    if (s.manufacturing.density_per_tile) mfg.Set("density_per_tile", Json(*s.manufacturing.density_per_tile));
    Json& cls = mfg.Set("classes", Json::Array());
    for (tb::FaultClass c : s.manufacturing.classes) cls.Push(Json(tb::FaultClassName(c)));
  } else {
    Json& faults = mfg.Set("faults", Json::Array());
    for (const tb::Fault& f : s.manufacturing.faults) faults.Push(tb::ToJson(f));
  }

  Json& stress = doc.Set("stress", Json::Object());
  Json& prof = stress.Set("profile", Json::Array());
  for (const Segment& seg : s.stress.profile) prof.Push(Segment2Json(seg));
  Json& arr = stress.Set("arrhenius", Json::Object());
  arr.Set("ea_ev", Json(s.stress.arrhenius.ea_ev));
  arr.Set("stress_c", Json(s.stress.arrhenius.stress_c));
  arr.Set("use_c", Json(s.stress.arrhenius.use_c));
  stress.Set("clock_hz", Json(s.stress.clock_hz));

  Json& events = doc.Set("events", Json::Array());
  for (const Event& e : s.events) {
    Json& j = events.Push(Json::Object());
    if (e.at_cycle) j.Set("at_cycle", Json(*e.at_cycle));
    j.Set("fault", tb::ToJson(e.fault));
    if (e.ramp) {
      Json& r = j.Set("ramp", Json::Object());
      r.Set("to_rate", Json(e.ramp->to_rate));
      r.Set("to_cycle", Json(e.ramp->to_cycle));
    }
  }

  Json& w = doc.Set("workload", Json::Object());
  Json& mix = w.Set("mix", Json::Array());
  for (const MixEntry& m : s.workload.mix) {
    Json& j = mix.Push(Json::Object());
    j.Set("kernel", Json(KernelName(m.kernel)));
    j.Set("weight", Json(m.weight));
  }
  w.Set("order", Json(kOrders[static_cast<size_t>(s.workload.order)]));
  w.Set("duration_cycles", Json(s.workload.duration_cycles));
  w.Set("checkpoint_every", Json(s.workload.checkpoint_every));

  Json& seeds = doc.Set("seeds", Json::Object());
  seeds.Set("faults", Json(s.seeds.faults));
  seeds.Set("workload", Json(s.seeds.workload));
  if (s.expect.degraded) {
    Json& ex = doc.Set("expect", Json::Object());
    ex.Set("degraded", Json(*s.expect.degraded));
  }
  return doc;
}

tb::FaultList ManufacturingFaults(const Scenario& s) {
  const Manufacturing& m = s.manufacturing;
  if (!m.drawn) {
    tb::FaultList list;
    list.seed = s.seeds.faults;
    list.faults = m.faults;
    return list;
  }
  const int tiles = s.mesh.width * s.mesh.height;
  const int count = m.count ? *m.count : static_cast<int>(std::lround(*m.density_per_tile * tiles));
  tb::FaultList list = tb::GenerateFaults(m.seed, count, Limits(s.mesh), m.classes);
  list.seed = s.seeds.faults;  // the injector's draws, not the placement's
  return list;
}

double AccelerationAt(const Arrhenius& a, double t_c) { return tb::ArrheniusFactor(a.ea_ev, a.use_c, t_c); }

double AccelerationFactor(const Arrhenius& a) { return AccelerationAt(a, a.stress_c); }

double UseHours(const Arrhenius& a, uint64_t cycles, double clock_hz) {
  return static_cast<double>(cycles) / clock_hz / 3600.0 * AccelerationFactor(a);
}

double TemperatureAt(const Stress& stress, uint64_t cycle) {
  double t = stress.profile.empty() ? stress.arrhenius.stress_c : stress.profile.front().to_c;
  for (const Segment& seg : stress.profile) {
    if (seg.from_cycle > cycle) break;
    if (seg.ramp && cycle < seg.to_cycle) {
      const double f = static_cast<double>(cycle - seg.from_cycle) / static_cast<double>(seg.to_cycle - seg.from_cycle);
      t = seg.from_c + f * (seg.to_c - seg.from_c);
    } else {
      t = seg.to_c;
    }
  }
  return t;
}

double ProfileUseHours(const Scenario& s) {
  // Piecewise: constant stretches exactly; ramps by the midpoint rule over
  // 256 slices (AF is smooth in T, so this is far inside any real error bar).
  const Stress& st = s.stress;
  const uint64_t end = s.workload.duration_cycles;
  double weighted_cycles = 0;
  for (size_t i = 0; i < st.profile.size(); ++i) {
    const Segment& seg = st.profile[i];
    const uint64_t next = i + 1 < st.profile.size() ? st.profile[i + 1].from_cycle : end;
    const uint64_t stop = std::min(next, end);
    if (seg.from_cycle >= stop) continue;
    uint64_t hold_from = seg.from_cycle;
    if (seg.ramp) {
      const uint64_t ramp_end = std::min(seg.to_cycle, stop);
      const double span = static_cast<double>(ramp_end - seg.from_cycle);
      constexpr int kSlices = 256;
      for (int k = 0; k < kSlices; ++k) {
        const double mid = static_cast<double>(seg.from_cycle) + (k + 0.5) * span / kSlices;
        const double f = (mid - static_cast<double>(seg.from_cycle)) /
                         static_cast<double>(seg.to_cycle - seg.from_cycle);
        weighted_cycles += span / kSlices * AccelerationAt(st.arrhenius, seg.from_c + f * (seg.to_c - seg.from_c));
      }
      hold_from = ramp_end;
    }
    if (stop > hold_from)
      weighted_cycles += static_cast<double>(stop - hold_from) * AccelerationAt(st.arrhenius, seg.to_c);
  }
  return weighted_cycles / st.clock_hz / 3600.0;
}

std::string ScenariosDir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("WSE_SCENARIOS_DIR")) return env;
#ifdef WSE_SCENARIOS_DIR
  if (fs::is_directory(WSE_SCENARIOS_DIR)) return WSE_SCENARIOS_DIR;
#endif
  // build/bin/wse -> scenarios/ two levels up from bin/.
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = 0;
    const fs::path guess = fs::path(buf).parent_path().parent_path().parent_path() / "scenarios";
    if (fs::is_directory(guess)) return guess.string();
  }
  return "scenarios";
}

std::vector<ListedScenario> ListScenarios(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<ListedScenario> out;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".json") continue;
    ListedScenario l;
    l.path = e.path().string();
    l.name = e.path().stem().string();
    try {
      l.description = ReadScenario(l.path).description;
    } catch (const std::exception& ex) {
      l.error = ex.what();
    }
    out.push_back(std::move(l));
  }
  if (ec) throw std::runtime_error(dir + ": " + ec.message());
  std::sort(out.begin(), out.end(), [](const ListedScenario& a, const ListedScenario& b) { return a.name < b.name; });
  return out;
}

}  // namespace wse::burnin
