// The fabric/task (custom-0) and tensor (custom-1) extensions of docs/pe.md.

#include <string>

#include "iss/iss.h"

namespace wse::iss {
namespace {

constexpr uint32_t kMem16 = 0, kMem32 = 1, kFab16 = 2, kFab32 = 3;

uint32_t Sext16(uint32_t v) { return static_cast<uint32_t>(static_cast<int16_t>(v & 0xffff)); }
bool IsFabric(const Descriptor& t) { return t.type == kFab16 || t.type == kFab32; }
unsigned ColorOf(const Descriptor& t) { return t.addr & 31; }
unsigned ElementBytes(const Descriptor& t) { return t.type == kMem16 ? 2 : 4; }

// Element i of a memory descriptor, modulo 2^32; stride counts elements.
uint32_t ElementAddr(const Descriptor& t, uint32_t i) {
  return t.addr + i * static_cast<uint32_t>(t.stride) * ElementBytes(t);
}

const char* TypeName(uint32_t type) {
  constexpr const char* kNames[4] = {"MEM16", "MEM32", "FAB16", "FAB32"};
  return type < 4 ? kNames[type] : "?";
}

}  // namespace

Pe::Flow Pe::ExecFabric(Exec& e) {
  const Decoded& d = e.d;
  const bool reg_color = d.op == Op::kFsendv || d.op == Op::kFrecvv || d.op == Op::kFpollv;
  const uint32_t color = reg_color ? (d.op == Op::kFsendv ? x_[d.rs2] : x_[d.rs1]) : d.color;
  if (color >= cfg_.num_colors) return Illegal(e);
  const std::string where = std::string(Mnemonic(d.op)) + " on color " + std::to_string(color);
  switch (d.op) {
    case Op::kFsend:
    case Op::kFsendv: {
      if (!fabric_.CanSend()) return Block(where + " (ramp full)", false);
      const uint32_t data = x_[d.rs1];
      fabric_.Send(color, data);
      e.out.sends.push_back({color, data});
      break;
    }
    case Op::kFrecv:
    case Op::kFrecvv:
      if (!fabric_.Available(color)) return Block(where, true);
      SetRd(e, fabric_.Receive(color));
      break;
    case Op::kFpoll:
    case Op::kFpollv: {
      const bool available = fabric_.Available(color);
      uint32_t result = available;
      if (e.hint.value) {
        // The RTL may not have seen a wavelet the ISS already has (0 is
        // always possible), but cannot see one the ISS does not have.
        result = *e.hint.value;
        if (result > 1 || (result == 1 && !available)) {
          throw IssDivergence(where + ": the hint says " + std::to_string(result) + ", but " +
                              (result > 1 ? "fpoll returns 0 or 1"
                                          : "no wavelet of that color is available to the ISS"));
        }
      }
      SetRd(e, result);
      break;
    }
    default: {  // ftask
      const uint32_t target = x_[d.rs1];
      handlers_[color] = target == 0 ? std::nullopt : std::optional<uint32_t>(target & ~3u);
      break;
    }
  }
  return Flow::kNext;
}

Pe::Flow Pe::ExecTwait(Exec& e) {
  bool any_bound = false;
  std::string bound;
  for (unsigned c = 0; c < handlers_.size(); ++c) {
    if (!handlers_[c]) continue;
    bound += (any_bound ? "," : "") + std::to_string(c);
    any_bound = true;
  }
  if (!any_bound) return Illegal(e);
  unsigned color = 0;
  if (e.hint.value) {
    const uint32_t c = *e.hint.value;
    const char* problem = c >= handlers_.size()   ? "is not a color"
                          : !handlers_[c]         ? "is not bound"
                          : !fabric_.Available(c) ? "has no wavelet available to the ISS"
                                                  : nullptr;
    if (problem) {
      throw IssDivergence("twait: the hint chose color " + std::to_string(c) + ", which " +
                          problem + " (bound colors " + bound + ")");
    }
    color = c;
  } else {
    bool found = false;
    for (unsigned c = 0; c < handlers_.size() && !found; ++c) {
      if (handlers_[c] && fabric_.Available(c)) {
        color = c;
        found = true;
      }
    }
    if (!found) return Block("twait on bound colors " + bound, true);
  }
  // Handlers are bound with bits 1:0 cleared, so this jump cannot trap.
  const Flow f = Jump(e, *handlers_[color]);
  if (f != Flow::kNext) return f;
  e.out.twait_color = color;
  SetRd(e, e.out.pc + 4);
  return Flow::kNext;
}

Pe::Flow Pe::ExecTensor(Exec& e) {
  const Decoded& d = e.d;
  switch (d.op) {
    case Op::kDseta: {
      const uint32_t type = x_[d.rs2];
      if (type > kFab32) return Illegal(e);
      desc_[d.d].addr = x_[d.rs1];
      desc_[d.d].type = type;
      return Flow::kNext;
    }
    case Op::kDsetl:
      desc_[d.d].len = x_[d.rs1];
      desc_[d.d].stride = static_cast<int32_t>(x_[d.rs2]);
      return Flow::kNext;
    default:
      break;
  }
  if (!tensor_.active) {
    // Everything illegal is found before the first element.
    const Descriptor& src = desc_[d.src];
    const Descriptor& dst = desc_[d.dst];
    if (d.op != Op::kTcopy && IsFabric(dst)) return Illegal(e);
    if (IsFabric(src) && ColorOf(src) >= cfg_.num_colors) return Illegal(e);
    if (IsFabric(dst) && ColorOf(dst) >= cfg_.num_colors) return Illegal(e);
    tensor_ = TensorState{};
    tensor_.active = true;
  }
  return ExecTensorElements(e);
}

Pe::Flow Pe::ExecTensorElements(Exec& e) {
  const Decoded& d = e.d;
  const Descriptor& src = desc_[d.src];
  const Descriptor& dst = desc_[d.dst];
  const uint32_t scalar = Sext16(x_[d.rs1]);
  auto finish = [&] {
    e.out.writes = std::move(tensor_.writes);
    e.out.sends = std::move(tensor_.sends);
    tensor_ = TensorState{};
  };
  auto read = [&](const Descriptor& t, uint32_t i) -> uint32_t {
    switch (t.type) {
      case kMem16:
        return Sext16(Load(ElementAddr(t, i), 2));
      case kMem32:
        return Load(ElementAddr(t, i), 4);
      case kFab16:
        return Sext16(fabric_.Receive(ColorOf(t)));
      default:
        return fabric_.Receive(ColorOf(t));
    }
  };
  auto write = [&](const Descriptor& t, uint32_t i, uint32_t v) {
    if (IsFabric(t)) {
      const uint32_t data = t.type == kFab16 ? Sext16(v) : v;
      fabric_.Send(ColorOf(t), data);
      tensor_.sends.push_back({ColorOf(t), data});
    } else {
      Store(ElementAddr(t, i), ElementBytes(t), v, tensor_.writes);
    }
  };
  while (tensor_.done < src.len) {
    const uint32_t i = tensor_.done;
    // Before the element has any effect: source, then destination address,
    // each misaligned before range.
    struct Check {
      const Descriptor& t;
      uint32_t misaligned, fault;
    };
    for (const Check& c : {Check{src, kCauseMisalignedLoad, kCauseLoadFault},
                           Check{dst, kCauseMisalignedStore, kCauseStoreFault}}) {
      if (IsFabric(c.t)) continue;
      const uint32_t addr = ElementAddr(c.t, i);
      const uint32_t cause = addr % ElementBytes(c.t)           ? c.misaligned
                             : !InSram(addr, ElementBytes(c.t)) ? c.fault
                                                                : ~0u;
      if (cause != ~0u) {
        finish();
        return Trap(e, cause, addr);
      }
    }
    if (IsFabric(src) && !fabric_.Available(ColorOf(src))) {
      return Block(std::string(Mnemonic(d.op)) + " source d" + std::to_string(d.src) + " (" +
                       TypeName(src.type) + ") on color " + std::to_string(ColorOf(src)) +
                       ", element " + std::to_string(i),
                   true);
    }
    if (IsFabric(dst) && !fabric_.CanSend()) {
      return Block(std::string(Mnemonic(d.op)) + " destination d" + std::to_string(d.dst) +
                       " on color " + std::to_string(ColorOf(dst)) + " (ramp full), element " +
                       std::to_string(i),
                   false);
    }
    const uint32_t v = read(src, i);
    switch (d.op) {
      case Op::kTcopy:
        write(dst, i, v);
        break;
      case Op::kTadd:
        write(dst, i, read(dst, i) + v);
        break;
      default:  // tmac: a zero operand cannot change the destination
        ++macs_;
        if (v == 0) {
          ++zskip_;
        } else {
          write(dst, i, read(dst, i) + v * scalar);
        }
        break;
    }
    ++tensor_.done;
  }
  finish();
  return Flow::kNext;
}

}  // namespace wse::iss
