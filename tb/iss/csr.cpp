#include "iss/csr.h"

namespace wse::iss::csr {

const char* Name(unsigned num) {
  switch (num) {
    case kMstatus:
      return "mstatus";
    case kMisa:
      return "misa";
    case kMie:
      return "mie";
    case kMtvec:
      return "mtvec";
    case kMstatush:
      return "mstatush";
    case kMscratch:
      return "mscratch";
    case kMepc:
      return "mepc";
    case kMcause:
      return "mcause";
    case kMtval:
      return "mtval";
    case kMip:
      return "mip";
    case kMcycle:
      return "mcycle";
    case kMinstret:
      return "minstret";
    case kMcycleh:
      return "mcycleh";
    case kMinstreth:
      return "minstreth";
    case kCycle:
      return "cycle";
    case kInstret:
      return "instret";
    case kCycleh:
      return "cycleh";
    case kInstreth:
      return "instreth";
    case kMvendorid:
      return "mvendorid";
    case kMarchid:
      return "marchid";
    case kMimpid:
      return "mimpid";
    case kMhartid:
      return "mhartid";
    case kWsemacs:
      return "wsemacs";
    case kWsezskip:
      return "wsezskip";
    default:
      return nullptr;
  }
}

}  // namespace wse::iss::csr
