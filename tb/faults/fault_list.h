#pragma once
// The fault list: the faults the testbench injects, and so the ground truth a
// scan's defect map is judged against (docs/dft.md, "Fault injection"). Read
// from a user's file or drawn from a seed; either way every field is checked
// before anything is injected, because a fault silently dropped or clipped
// would make a scan look better than it is.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"

namespace wse::tb {

/// A malformed fault list: "<source>: faults[<i>].<field>: <problem>".
class FaultListError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class FaultClass {
  kSramStuckAt,
  kSramTransition,
  kSramCoupling,
  kSramAddressDecoder,
  kSramFlip,  // transient
  kPeDead,
  kPeWrongResult,
  kRouterDead,
  kRouterDeadPort,
  kTileDead,
  kLinkStuck,
  kLinkOpen,
  kLinkBridge,
  kLinkDrop,  // not permanent: loses a fraction of the words
  kCfgFlip,   // transient
};
inline constexpr int kNumFaultClasses = 15;

/// Every class, in declaration order.
std::vector<FaultClass> AllFaultClasses();

/// The JSON names ("sram_stuck_at", ...).
const char* FaultClassName(FaultClass cls);
std::optional<FaultClass> ParseFaultClass(std::string_view name);
/// False for the classes that strike once or now and then (sram_flip,
/// cfg_flip, link_drop): a scan is not expected to find them.
bool IsPermanent(FaultClass cls);

/// sram_coupling kinds (docs/dft.md): an aggressor transition inverts the
/// victim, or sets it to `value`; or the victim reads `value` while the
/// aggressor holds `rising`.
enum class CouplingKind { kInversion, kIdempotent, kState };
const char* CouplingKindName(CouplingKind kind);

/// Router ports for router_dead_port, in the hardware's order (wavelet.h Dir).
inline constexpr int kPortRamp = 4;
/// "N", "E", "S", "W", "ramp".
const char* PortName(int port);

/// A permanent fault that shows itself only some of the time: in each clock
/// cycle it is active with probability rate x AF(T), where AF is the
/// Arrhenius acceleration from the 125 C reference to the wafer's
/// temperature T (docs/dft.md, "Intermittent faults").
struct Intermittent {
  double rate = 1.0;   // in (0, 1]: per-cycle activation probability at 125 C
  double ea_ev = 0.7;  // activation energy, eV
};

/// Raw SRAM bits per word (32 data, 4 byte parity), link wires (38 data,
/// valid, parity), ALU result bits.
inline constexpr int kSramBits = 36;
inline constexpr int kLinkBits = 40;
inline constexpr int kPeResultBits = 32;
inline constexpr int kCfgRegs = 256;
inline constexpr int kCfgBits = 32;

/// One fault. Only the fields of `cls` are meaningful (docs/dft.md table);
/// the others keep their defaults and are not written.
struct Fault {
  FaultClass cls = FaultClass::kTileDead;
  int x = 0, y = 0;
  int addr = 0;            // sram_*: word address (the victim's, for coupling)
  int bit = 0;             // sram_* 0..35, pe_wrong_result 0..31, link_* 0..39, cfg_flip 0..31
  int value = 0;           // 0 or 1: stuck/forced value, the transition's target, the ALU bit's stuck value
  int aggressor_addr = 0;  // sram_coupling
  int aggressor_bit = 0;
  CouplingKind kind = CouplingKind::kInversion;
  bool rising = false;  // sram_coupling: the aggressor's transition (or state)
  int alias_addr = 0;   // sram_address_decoder
  uint64_t cycle = 0;   // sram_flip, cfg_flip: when it strikes
  int port = 0;         // router_dead_port: 0..3 = N, E, S, W; 4 = ramp
  int dir = 0;          // link_*: 0..3 = N, E, S, W, the wires leaving the tile that way
  int bit2 = 0;         // link_bridge: the wire shorted to `bit`
  double rate = 1.0;    // link_drop: fraction of words lost, (0, 1]
  int reg = 0;          // cfg_flip: config register word address
  std::optional<Intermittent> intermittent;  // permanent classes only
};

struct FaultList {
  int version = 1;
  uint64_t seed = 0;
  /// The file had a seed and no "faults": the injector draws them from the
  /// seed (docs/dft.md). An explicit empty list means "inject nothing".
  bool random = false;
  std::vector<Fault> faults;
};

/// What a fault may address.
struct MeshLimits {
  int width = 0, height = 0;
  int sram_words = 0;
};

/// Validates `doc` against docs/dft.md and `limits`: unknown class or field,
/// missing field, wrong type, value out of range, tile outside the mesh,
/// address beyond the SRAM. A link may lead off the mesh edge (to the edge
/// ports). Throws FaultListError "<source>: faults[i].<field>: <problem>".
FaultList ParseFaultList(const util::Json& doc, const std::string& source,
                         const MeshLimits& limits);
/// One fault object, by the same rules as an entry of a list, for files that
/// embed faults (burn-in scenarios, docs/burnin.md). Throws FaultListError
/// "<source>: <path>.<field>: <problem>".
Fault ParseFault(const util::Json& obj, const std::string& source, const std::string& path,
                 const MeshLimits& limits);
/// Reads and validates a file; syntax errors keep the parser's
/// "<path>:<line>:<column>" (util::JsonError).
FaultList ReadFaultList(const std::string& path, const MeshLimits& limits);
/// The document ParseFaultList reads back to the same list. Throws
/// FaultListError for a seed or cycle beyond the JSON integer range (2^63 - 1).
util::Json ToJson(const FaultList& list);
/// The object ParseFault reads back to the same fault. Throws FaultListError
/// for a cycle beyond the JSON integer range.
util::Json ToJson(const Fault& fault);

/// `count` faults drawn reproducibly from `seed` (the same on every platform:
/// no std::*_distribution): each class uniformly from `classes`, its
/// parameters uniformly in range, each on a different tile so every fault can
/// be told apart in a scan; transient faults strike at a cycle in
/// [0, cycle_window). No intermittent faults. Throws std::invalid_argument if
/// count exceeds the tiles, `classes` is empty, or the SRAM is too small for
/// a class (address decoder needs two words).
FaultList GenerateFaults(uint64_t seed, int count, const MeshLimits& limits,
                         const std::vector<FaultClass>& classes, uint64_t cycle_window = 100000);

}  // namespace wse::tb
