//===- Unwind.cpp - One step of unwinding with DWARF CFI ------------------===//
///
/// \file
/// A small interpreter of the .eh_frame format (the DWARF 4 call frame
/// instructions plus the GNU extensions of the LSB) for the code LLVM
/// emits: the CFA is a register (the stack or frame pointer) plus an
/// offset, and the return address and frame pointer are saved at an offset
/// from the CFA or still in their registers. Anything else (DWARF
/// expressions) makes the step fail, and the caller falls back to the
/// frame-pointer chain. See Unwind.h.
///
//===----------------------------------------------------------------------===//

#include "Unwind.h"

#include <cstring>

namespace w2n::rt::detail {

namespace {

// DWARF register numbers of the stack pointer, the frame pointer and the
// return address column.
#if defined(__x86_64__)
constexpr uint64_t SpReg = 7, FpReg = 6, RaReg = 16;
#elif defined(__aarch64__)
constexpr uint64_t SpReg = 31, FpReg = 29, RaReg = 30;
#elif defined(__riscv)
constexpr uint64_t SpReg = 2, FpReg = 8, RaReg = 1;
#else
#error "runtime-support: unsupported architecture (no DWARF registers)"
#endif

// Pointer encodings (DW_EH_PE_*).
constexpr uint8_t PeOmit = 0xff, PeFormat = 0x0f, PeApplication = 0x70,
                  PePcrel = 0x10, PeIndirect = 0x80;

/// Reads [P, End) with every read checked; a failed read sets Ok and
/// returns 0.
struct Reader {
  const uint8_t *P;
  const uint8_t *End;
  bool Ok = true;

  bool has(size_t N) {
    if (Ok && size_t(End - P) >= N)
      return true;
    Ok = false;
    return false;
  }
  template <typename T> T fixed() {
    T V = 0;
    if (has(sizeof(T))) {
      std::memcpy(&V, P, sizeof(T));
      P += sizeof(T);
    }
    return V;
  }
  uint64_t uleb() {
    uint64_t V = 0;
    for (unsigned Shift = 0; has(1); Shift += 7) {
      uint8_t B = *P++;
      if (Shift < 64)
        V |= uint64_t(B & 0x7f) << Shift;
      if (!(B & 0x80))
        return V;
    }
    return 0;
  }
  int64_t sleb() {
    uint64_t V = 0;
    unsigned Shift = 0;
    uint8_t B = 0;
    do {
      if (!has(1))
        return 0;
      B = *P++;
      if (Shift < 64)
        V |= uint64_t(B & 0x7f) << Shift;
      Shift += 7;
    } while (B & 0x80);
    if (Shift < 64 && (B & 0x40))
      V |= ~uint64_t(0) << Shift;
    return int64_t(V);
  }
  /// A pointer in encoding Enc; only absolute and pc-relative values, the
  /// ones LLVM uses.
  uintptr_t encoded(uint8_t Enc) {
    if (Enc == PeOmit)
      return 0;
    uintptr_t Field = reinterpret_cast<uintptr_t>(P);
    uint64_t V;
    switch (Enc & PeFormat) {
    case 0x00: // absptr
      V = fixed<uint64_t>();
      break;
    case 0x01: // uleb128
      V = uleb();
      break;
    case 0x02: // udata2
      V = fixed<uint16_t>();
      break;
    case 0x03: // udata4
      V = fixed<uint32_t>();
      break;
    case 0x04: // udata8
      V = fixed<uint64_t>();
      break;
    case 0x09: // sleb128
      V = uint64_t(sleb());
      break;
    case 0x0a: // sdata2
      V = uint64_t(int64_t(fixed<int16_t>()));
      break;
    case 0x0b: // sdata4
      V = uint64_t(int64_t(fixed<int32_t>()));
      break;
    case 0x0c: // sdata8
      V = fixed<uint64_t>();
      break;
    default:
      Ok = false;
      return 0;
    }
    switch (Enc & PeApplication) {
    case 0x00:
      break;
    case PePcrel:
      V += Field;
      break;
    default: // textrel, datarel, funcrel, aligned: not emitted by LLVM
      Ok = false;
      return 0;
    }
    if (Enc & PeIndirect) {
      Ok = false; // only personality pointers are indirect
      return 0;
    }
    return uintptr_t(V);
  }
};

/// What the common information entry (CIE) of an FDE says.
struct Cie {
  uint64_t CodeAlign = 1;
  int64_t DataAlign = 1;
  uint64_t RaColumn = RaReg;
  uint8_t FdeEncoding = 0; // absptr
  bool HasAugmentationData = false;
  const uint8_t *Insns = nullptr;
  const uint8_t *InsnsEnd = nullptr;
};

/// Reads the length and id of the entry at P: its end, and where its
/// contents start; false at the terminator or a damaged entry.
bool entryBounds(const uint8_t *P, const uint8_t *SecEnd,
                 const uint8_t *&Contents, const uint8_t *&End) {
  Reader R{P, SecEnd};
  uint64_t Length = R.fixed<uint32_t>();
  if (Length == 0xffffffff)
    Length = R.fixed<uint64_t>();
  if (!R.Ok || Length == 0 || Length > uint64_t(SecEnd - R.P))
    return false;
  Contents = R.P;
  End = R.P + Length;
  return true;
}

bool parseCie(const uint8_t *P, const uint8_t *SecEnd, Cie &C) {
  const uint8_t *Contents, *End;
  if (!entryBounds(P, SecEnd, Contents, End))
    return false;
  Reader R{Contents, End};
  if (R.fixed<uint32_t>() != 0) // a CIE has id 0 in .eh_frame
    return false;
  uint8_t Version = R.fixed<uint8_t>();
  if (Version != 1 && Version != 3)
    return false;
  const uint8_t *Aug = R.P;
  while (R.has(1) && *R.P)
    ++R.P;
  const uint8_t *AugEnd = R.P;
  R.fixed<uint8_t>(); // the NUL
  C.CodeAlign = R.uleb();
  C.DataAlign = R.sleb();
  C.RaColumn = Version == 1 ? R.fixed<uint8_t>() : R.uleb();
  if (Aug < AugEnd && *Aug == 'z') {
    C.HasAugmentationData = true;
    uint64_t Len = R.uleb();
    if (!R.has(Len))
      return false;
    const uint8_t *DataEnd = R.P + Len;
    for (const uint8_t *A = Aug + 1; A < AugEnd && R.Ok; ++A) {
      if (*A == 'R')
        C.FdeEncoding = R.fixed<uint8_t>();
      else if (*A == 'P')
        R.encoded(R.fixed<uint8_t>() & ~PeIndirect);
      else if (*A == 'L')
        R.fixed<uint8_t>();
      else if (*A != 'S' && *A != 'B' && *A != 'G')
        break; // unknown: the length lets us skip the rest
    }
    R.P = DataEnd;
  } else if (Aug < AugEnd) {
    return false; // an augmentation without data we cannot skip
  }
  C.Insns = R.P;
  C.InsnsEnd = End;
  return R.Ok;
}

/// One register rule: where the caller's value of a register is.
struct Rule {
  enum Kind : uint8_t { Same, Undefined, AtCfa, IsCfa } K = Same;
  int64_t Offset = 0; // from the CFA, for AtCfa and IsCfa
};

/// A row of the CFI table, for the registers a step needs.
struct Row {
  uint64_t CfaReg = SpReg;
  int64_t CfaOffset = 0;
  Rule Ra, Fp;
};

/// Runs the instructions in [P, End) up to the row that covers Pc, from
/// Loc. Initial is the row after the CIE's instructions (for restore).
bool runInstructions(const uint8_t *P, const uint8_t *End, const Cie &C,
                     uintptr_t Loc, uintptr_t Pc, Row &Cur,
                     const Row &Initial) {
  constexpr int MaxStates = 8;
  Row Saved[MaxStates];
  int NumSaved = 0;
  Reader R{P, End};
  auto SetRule = [&](uint64_t Reg, Rule Value) {
    if (Reg == C.RaColumn)
      Cur.Ra = Value;
    else if (Reg == FpReg)
      Cur.Fp = Value;
  };
  auto RestoreRule = [&](uint64_t Reg) {
    if (Reg == C.RaColumn)
      Cur.Ra = Initial.Ra;
    else if (Reg == FpReg)
      Cur.Fp = Initial.Fp;
  };
  // Advances to Loc + Delta; false once that row starts past Pc.
  auto Advance = [&](uint64_t Delta) {
    uintptr_t Next = Loc + Delta * C.CodeAlign;
    if (Next > Pc)
      return false;
    Loc = Next;
    return true;
  };
  while (R.P < R.End && R.Ok) {
    uint8_t Op = R.fixed<uint8_t>();
    uint8_t Low = Op & 0x3f;
    switch (Op >> 6) {
    case 1: // DW_CFA_advance_loc
      if (!Advance(Low))
        return true;
      continue;
    case 2: // DW_CFA_offset
      SetRule(Low, {Rule::AtCfa, int64_t(R.uleb()) * C.DataAlign});
      continue;
    case 3: // DW_CFA_restore
      RestoreRule(Low);
      continue;
    default:
      break;
    }
    switch (Op) {
    case 0x00: // nop
      break;
    case 0x01: { // set_loc
      uintptr_t Next = R.encoded(C.FdeEncoding);
      if (Next > Pc)
        return true;
      Loc = Next;
      break;
    }
    case 0x02: // advance_loc1
      if (!Advance(R.fixed<uint8_t>()))
        return true;
      break;
    case 0x03: // advance_loc2
      if (!Advance(R.fixed<uint16_t>()))
        return true;
      break;
    case 0x04: // advance_loc4
      if (!Advance(R.fixed<uint32_t>()))
        return true;
      break;
    case 0x05: { // offset_extended
      uint64_t Reg = R.uleb();
      SetRule(Reg, {Rule::AtCfa, int64_t(R.uleb()) * C.DataAlign});
      break;
    }
    case 0x06: // restore_extended
      RestoreRule(R.uleb());
      break;
    case 0x07: // undefined
      SetRule(R.uleb(), {Rule::Undefined, 0});
      break;
    case 0x08: // same_value
      SetRule(R.uleb(), {Rule::Same, 0});
      break;
    case 0x09: { // register: in another register, which we do not track
      uint64_t Reg = R.uleb();
      R.uleb();
      if (Reg == C.RaColumn || Reg == FpReg)
        return false;
      break;
    }
    case 0x0a: // remember_state
      if (NumSaved == MaxStates)
        return false;
      Saved[NumSaved++] = Cur;
      break;
    case 0x0b: // restore_state
      if (NumSaved == 0)
        return false;
      Cur = Saved[--NumSaved];
      break;
    case 0x0c: // def_cfa
      Cur.CfaReg = R.uleb();
      Cur.CfaOffset = int64_t(R.uleb());
      break;
    case 0x0d: // def_cfa_register
      Cur.CfaReg = R.uleb();
      break;
    case 0x0e: // def_cfa_offset
      Cur.CfaOffset = int64_t(R.uleb());
      break;
    case 0x0f: // def_cfa_expression
      return false;
    case 0x10:   // expression
    case 0x16: { // val_expression
      uint64_t Reg = R.uleb();
      uint64_t Len = R.uleb();
      if (Reg == C.RaColumn || Reg == FpReg || !R.has(Len))
        return false;
      R.P += Len;
      break;
    }
    case 0x11: { // offset_extended_sf
      uint64_t Reg = R.uleb();
      SetRule(Reg, {Rule::AtCfa, R.sleb() * C.DataAlign});
      break;
    }
    case 0x12: // def_cfa_sf
      Cur.CfaReg = R.uleb();
      Cur.CfaOffset = R.sleb() * C.DataAlign;
      break;
    case 0x13: // def_cfa_offset_sf
      Cur.CfaOffset = R.sleb() * C.DataAlign;
      break;
    case 0x14: { // val_offset
      uint64_t Reg = R.uleb();
      SetRule(Reg, {Rule::IsCfa, int64_t(R.uleb()) * C.DataAlign});
      break;
    }
    case 0x15: { // val_offset_sf
      uint64_t Reg = R.uleb();
      SetRule(Reg, {Rule::IsCfa, R.sleb() * C.DataAlign});
      break;
    }
    case 0x2d: // GNU_window_save (SPARC) / AArch64 negate_ra_state: LLVM
               // signs return addresses only when asked (-mbranch-protection)
      break;
    case 0x2e: // GNU_args_size
      R.uleb();
      break;
    case 0x2f: { // GNU_negative_offset_extended
      uint64_t Reg = R.uleb();
      SetRule(Reg, {Rule::AtCfa, -int64_t(R.uleb()) * C.DataAlign});
      break;
    }
    default:
      return false;
    }
  }
  return R.Ok;
}

bool readStack(uintptr_t Addr, const StackBounds &Stack, uintptr_t &Out) {
  // No known stack bottom, no read: any address below the walk's start
  // could be unmapped.
  if (!Stack.Low || Addr % sizeof(uintptr_t) || Addr < Stack.Low ||
      Addr > Stack.High - sizeof(uintptr_t) || Stack.High < sizeof(uintptr_t))
    return false;
  Out = *reinterpret_cast<const uintptr_t *>(Addr);
  return true;
}

} // namespace

const uint8_t *findFde(const EhFrame &Sec, uintptr_t Pc, FdeCache *Cache) {
  if (Cache && Cache->Fde && Pc >= Cache->Lo && Pc < Cache->Hi)
    return Cache->Fde;
  const uint8_t *SecEnd = Sec.Begin + Sec.Size;
  const uint8_t *CachedCieAt = nullptr;
  Cie C;
  for (const uint8_t *P = Sec.Begin; P && P < SecEnd;) {
    const uint8_t *Contents, *End;
    if (!entryBounds(P, SecEnd, Contents, End))
      return nullptr;
    Reader R{Contents, End};
    uint32_t Id = R.fixed<uint32_t>();
    if (Id != 0) {
      // An FDE: Id is the distance back to its CIE from this field.
      const uint8_t *CieAt = Contents - Id;
      if (CieAt < Sec.Begin || CieAt >= Contents)
        return nullptr;
      if (CieAt != CachedCieAt) {
        if (!parseCie(CieAt, SecEnd, C))
          return nullptr;
        CachedCieAt = CieAt;
      }
      uintptr_t Begin = R.encoded(C.FdeEncoding);
      uintptr_t Range = R.encoded(C.FdeEncoding & PeFormat);
      if (R.Ok && Pc >= Begin && Pc - Begin < Range) {
        if (Cache)
          *Cache = {Begin, Begin + Range, P};
        return P;
      }
    }
    P = End;
  }
  return nullptr;
}

bool cfiStep(const EhFrame &Sec, UnwindRegs &Regs, const StackBounds &Stack,
             FdeCache *Cache) {
  if (!Sec.Begin)
    return false;
  const uint8_t *Fde = findFde(Sec, Regs.Pc, Cache);
  if (!Fde)
    return false;
  const uint8_t *SecEnd = Sec.Begin + Sec.Size;
  const uint8_t *Contents, *End;
  if (!entryBounds(Fde, SecEnd, Contents, End))
    return false;
  Reader R{Contents, End};
  const uint8_t *CieAt = Contents - R.fixed<uint32_t>();
  Cie C;
  if (!parseCie(CieAt, SecEnd, C))
    return false;
  uintptr_t Begin = R.encoded(C.FdeEncoding);
  R.encoded(C.FdeEncoding & PeFormat);
  if (C.HasAugmentationData) {
    uint64_t Len = R.uleb();
    if (!R.has(Len))
      return false;
    R.P += Len;
  }
  if (!R.Ok)
    return false;

  Row Initial;
  if (!runInstructions(C.Insns, C.InsnsEnd, C, Begin, UINTPTR_MAX, Initial,
                       Initial))
    return false;
  Row Cur = Initial;
  if (!runInstructions(R.P, End, C, Begin, Regs.Pc, Cur, Initial))
    return false;

  uintptr_t Base;
  if (Cur.CfaReg == SpReg)
    Base = Regs.Sp;
  else if (Cur.CfaReg == FpReg)
    Base = Regs.Fp;
  else
    return false;
  uintptr_t Cfa = Base + uintptr_t(Cur.CfaOffset);
  // The caller's frame is above this one, or the same place for a leaf
  // that uses no stack and keeps its return address in the link register
  // (AArch64, RISC-V): that can happen once, as the step consumes Lr.
  bool InLinkRegister = Cur.Ra.K == Rule::Same && Regs.Lr;
  if (Cfa < Regs.Sp || (Cfa == Regs.Sp && !InLinkRegister) || Cfa > Stack.High)
    return false;

  uintptr_t Ret;
  switch (Cur.Ra.K) {
  case Rule::AtCfa:
    if (!readStack(Cfa + uintptr_t(Cur.Ra.Offset), Stack, Ret))
      return false;
    break;
  case Rule::Same:
    Ret = Regs.Lr; // still in the link register (a leaf on AArch64/RISC-V)
    break;
  default:
    return false;
  }
  uintptr_t Fp = Regs.Fp;
  switch (Cur.Fp.K) {
  case Rule::AtCfa:
    if (!readStack(Cfa + uintptr_t(Cur.Fp.Offset), Stack, Fp))
      return false;
    break;
  case Rule::IsCfa:
    Fp = Cfa + uintptr_t(Cur.Fp.Offset);
    break;
  case Rule::Same:
    break;
  case Rule::Undefined:
    Fp = 0;
    break;
  }
  if (!Ret)
    return false;
  Regs.Pc = Ret - 1;
  Regs.Sp = Cfa;
  Regs.Fp = Fp;
  Regs.Lr = 0;
  return true;
}

} // namespace w2n::rt::detail
