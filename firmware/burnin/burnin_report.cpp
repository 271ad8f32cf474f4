#include "firmware/burnin/burnin_report.h"

#include <cstdio>
#include <map>
#include <sstream>

namespace wse::fw {
namespace {

util::Json Int(uint64_t v) { return util::Json(static_cast<int64_t>(v)); }

util::Json TileJson(int x, int y) {
  util::Json t = util::Json::Array();
  t.Push(util::Json(static_cast<int64_t>(x)));
  t.Push(util::Json(static_cast<int64_t>(y)));
  return t;
}


}  // namespace

const char* FailureClassName(FailureClass c) {
  switch (c) {
    case FailureClass::kPermanent:
      return "permanent";
    case FailureClass::kMarginal:
      return "marginal";
    case FailureClass::kTransient:
      return "transient";
    case FailureClass::kLink:
      return "link";
    case FailureClass::kStall:
      return "stall";
  }
  return "?";
}

util::Json ToJson(const BurnInReport& r) {
  util::Json doc = util::Json::Object();
  doc.Set("format", util::Json("wse-burnin-report"));
  doc.Set("version", util::Json(int64_t{1}));
  util::Json wafer = util::Json::Object();
  wafer.Set("width", util::Json(static_cast<int64_t>(r.phys_width)));
  wafer.Set("height", util::Json(static_cast<int64_t>(r.phys_height)));
  doc.Set("wafer", std::move(wafer));
  doc.Set("start_cycle", Int(r.start_cycle));
  doc.Set("end_cycle", Int(r.end_cycle));
  doc.Set("cycles", Int(r.end_cycle - r.start_cycle));
  doc.Set("stopped", util::Json(r.stopped));
  util::Json totals = util::Json::Object();
  totals.Set("iterations", util::Json(static_cast<int64_t>(r.iterations.size())));
  totals.Set("committed", util::Json(static_cast<int64_t>(r.committed)));
  totals.Set("discarded", util::Json(static_cast<int64_t>(r.discarded)));
  totals.Set("checkpoints", util::Json(static_cast<int64_t>(r.checkpoints)));
  totals.Set("failures", util::Json(static_cast<int64_t>(r.failures.size())));
  totals.Set("remaps", util::Json(static_cast<int64_t>(r.remaps)));
  totals.Set("mapped_out", util::Json(static_cast<int64_t>(r.mapped_out.size())));
  util::Json per_class = util::Json::Object();
  for (int c = 0; c < kNumFailureClasses; ++c) {
    int64_t n = 0;
    for (const auto& f : r.failures) n += static_cast<int>(f.cls) == c;
    per_class.Set(FailureClassName(static_cast<FailureClass>(c)), util::Json(n));
  }
  totals.Set("per_class", std::move(per_class));
  doc.Set("totals", std::move(totals));
  util::Json grid = util::Json::Object();
  grid.Set("initial", util::Json(std::to_string(r.initial_repair.width) + "x" +
                                 std::to_string(r.initial_repair.height)));
  grid.Set("final", util::Json(r.has_final_repair ? std::to_string(r.final_repair.width) + "x" +
                                                        std::to_string(r.final_repair.height)
                                                  : std::string("none")));
  grid.Set("degraded", util::Json(!r.has_final_repair || r.final_repair.degraded()));
  doc.Set("grid", std::move(grid));
  if (r.has_final_repair) doc.Set("final_repair", RepairToJson(r.final_repair));
  util::Json out = util::Json::Array();
  for (const auto& [x, y] : r.mapped_out) out.Push(TileJson(x, y));
  doc.Set("mapped_out", std::move(out));
  util::Json fails = util::Json::Array();
  for (const FailureRecord& f : r.failures) {
    util::Json j = util::Json::Object();
    j.Set("id", util::Json(static_cast<int64_t>(f.id)));
    j.Set("detected_cycle", Int(f.detected_cycle));
    j.Set("symptom", util::Json(f.symptom));
    j.Set("kernel", util::Json(f.kernel));
    util::Json s = util::Json::Array();
    for (const auto& [x, y] : f.suspects) s.Push(TileJson(x, y));
    j.Set("suspects", std::move(s));
    j.Set("class", util::Json(FailureClassName(f.cls)));
    if (f.x >= 0) j.Set("tile", TileJson(f.x, f.y));
    if (f.dir >= 0) j.Set("dir", util::Json(DirName(f.dir)));
    j.Set("diagnosis", util::Json(f.diagnosis));
    j.Set("evidence", f.evidence);
    j.Set("action", util::Json(f.action));
    j.Set("resumed_cycle", Int(f.resumed_cycle));
    j.Set("reintegration_cycles", Int(f.reintegration_cycles));
    j.Set("lost_cycles", Int(f.lost_cycles));
    fails.Push(std::move(j));
  }
  doc.Set("failures", std::move(fails));
  util::Json tl = util::Json::Array();
  for (const TimelineEntry& e : r.timeline) {
    util::Json j = util::Json::Object();
    j.Set("cycle", Int(e.cycle));
    j.Set("kind", util::Json(e.kind));
    j.Set("text", util::Json(e.text));
    tl.Push(std::move(j));
  }
  doc.Set("timeline", std::move(tl));
  util::Json its = util::Json::Array();
  for (const IterationRecord& i : r.iterations) {
    util::Json j = util::Json::Object();
    j.Set("index", util::Json(static_cast<int64_t>(i.index)));
    j.Set("kernel", util::Json(i.kernel));
    j.Set("start_cycle", Int(i.start_cycle));
    j.Set("end_cycle", Int(i.end_cycle));
    j.Set("ok", util::Json(i.ok));
    j.Set("committed", util::Json(i.committed));
    its.Push(std::move(j));
  }
  doc.Set("iterations", std::move(its));
  return doc;
}

std::string Summary(const BurnInReport& r) {
  std::ostringstream o;
  o << "burn-in: " << (r.end_cycle - r.start_cycle) << " cycles, " << r.iterations.size()
    << " iterations (" << r.committed << " accepted at " << r.checkpoints << " checkpoints, "
    << r.discarded << " thrown away), " << r.failures.size() << " failure(s), " << r.remaps
    << " remap(s)\n";
  o << "grid: " << r.initial_repair.width << "x" << r.initial_repair.height << " -> "
    << (r.has_final_repair
            ? std::to_string(r.final_repair.width) + "x" + std::to_string(r.final_repair.height) +
                  (r.final_repair.degraded() ? " (degraded)" : "")
            : std::string("none"))
    << "; tiles mapped out during the run:";
  if (r.mapped_out.empty()) o << " none";
  for (const auto& [x, y] : r.mapped_out) o << " " << TileText(x, y);
  o << "\n";
  if (!r.stopped.empty()) o << "stopped: " << r.stopped << "\n";
  for (const FailureRecord& f : r.failures) {
    o << "  #" << f.id << " @" << f.detected_cycle << " " << f.symptom
      << (f.kernel.empty() ? "" : " in " + f.kernel) << " -> " << FailureClassName(f.cls);
    if (f.x >= 0)
      o << " " << TileText(f.x, f.y)
        << (f.dir >= 0 ? std::string(" ") + DirName(f.dir) : std::string());
    o << ": " << f.diagnosis << "; " << f.action << ", back in " << f.reintegration_cycles
      << " cycles (" << f.lost_cycles << " since the checkpoint)\n";
  }
  return o.str();
}

}  // namespace wse::fw
