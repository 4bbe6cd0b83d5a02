//===- Opcode.cpp - Instruction opcodes and their static facts ------------===//

#include "decode/Opcode.h"

#include <array>

namespace w2n {

namespace {
constexpr ValType X = ValType::Bottom;
constexpr ValType I32 = ValType::I32;
constexpr ValType I64 = ValType::I64;
constexpr ValType F32 = ValType::F32;
constexpr ValType F64 = ValType::F64;
constexpr ValType V128 = ValType::V128;

const OpcodeInfo Infos[] = {
#define WASM_OP(Name, Prefix, Code, Text, Imm, P0, P1, P2, R)                  \
  {Prefix, Code, Text, ImmKind::Imm, {P0, P1, P2}, R},
#include "decode/Opcodes.def"
};

constexpr uint16_t NoOpcode = 0xffff;

/// Encoding -> Opcode, one 256-entry page per prefix (0x00, 0xfc, 0xfd).
struct DecodeTables {
  /// Sub-opcodes of 0xfd reach 0x113 (relaxed SIMD).
  std::array<uint16_t, 512> Pages[3];

  DecodeTables() {
    for (auto &P : Pages)
      P.fill(NoOpcode);
    for (size_t I = 0; I < std::size(Infos); ++I) {
      const OpcodeInfo &Info = Infos[I];
      Pages[pageOf(Info.Prefix)][Info.Code] = uint16_t(I);
    }
  }

  static unsigned pageOf(uint8_t Prefix) {
    return Prefix == 0 ? 0 : Prefix == 0xfc ? 1 : 2;
  }
};
} // namespace

const OpcodeInfo &getOpcodeInfo(Opcode Op) { return Infos[size_t(Op)]; }

std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code) {
  static const DecodeTables Tables;
  if (Code >= 512 || (Prefix != 0 && Prefix != 0xfc && Prefix != 0xfd))
    return std::nullopt;
  uint16_t Index = Tables.Pages[DecodeTables::pageOf(Prefix)][Code];
  if (Index == NoOpcode)
    return std::nullopt;
  return Opcode(Index);
}

unsigned memoryAccessSize(ImmKind K) {
  switch (K) {
  case ImmKind::Mem8:
  case ImmKind::MemLane8:
    return 1;
  case ImmKind::Mem16:
  case ImmKind::MemLane16:
    return 2;
  case ImmKind::Mem32:
  case ImmKind::MemLane32:
    return 4;
  case ImmKind::Mem64:
  case ImmKind::MemLane64:
    return 8;
  case ImmKind::Mem128:
    return 16;
  default:
    return 0;
  }
}

unsigned laneCount(ImmKind K) {
  switch (K) {
  case ImmKind::Lane16:
  case ImmKind::MemLane8:
    return 16;
  case ImmKind::Lane8:
  case ImmKind::MemLane16:
    return 8;
  case ImmKind::Lane4:
  case ImmKind::MemLane32:
    return 4;
  case ImmKind::Lane2:
  case ImmKind::MemLane64:
    return 2;
  default:
    return 0;
  }
}

} // namespace w2n
