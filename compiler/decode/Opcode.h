//===- Opcode.h - Instruction opcodes and their static facts ----*- C++ -*-===//
///
/// \file
/// The Opcode enumeration and per-opcode facts, generated from Opcodes.def.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_DECODE_OPCODE_H
#define WASM2NATIVE_DECODE_OPCODE_H

#include "decode/Module.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace w2n {

enum class Opcode : uint16_t {
#define WASM_OP(Name, Prefix, Code, Text, Imm, P0, P1, P2, R) Name,
#include "decode/Opcodes.def"
};

/// How the immediates that follow an opcode are laid out.
enum class ImmKind : uint8_t {
  None,
  Block,        ///< blocktype
  Br,           ///< labelidx
  BrTable,      ///< vec(labelidx) labelidx
  Call,         ///< funcidx
  CallIndirect, ///< typeidx tableidx
  Local,        ///< localidx
  Global,       ///< globalidx
  Table,        ///< tableidx
  Mem8,         ///< memarg; the access is 1 byte wide
  Mem16,
  Mem32,
  Mem64,
  Mem128,
  MemIdx,    ///< a reserved 0x00 byte (memory.size/grow/fill)
  I32,       ///< i32 (signed LEB128)
  I64,       ///< i64 (signed LEB128)
  F32,       ///< 4 bytes
  F64,       ///< 8 bytes
  V128,      ///< 16 bytes
  HeapType,  ///< reftype byte
  Func,      ///< funcidx
  SelectT,   ///< vec(valtype)
  MemInit,   ///< dataidx 0x00
  DataIdx,   ///< dataidx
  MemCopy,   ///< 0x00 0x00
  TableInit, ///< elemidx tableidx
  ElemIdx,   ///< elemidx
  TableCopy, ///< tableidx tableidx
  Shuffle,   ///< 16 lane indices, each < 32
  Lane16,    ///< laneidx < 16
  Lane8,
  Lane4,
  Lane2,
  MemLane8, ///< memarg laneidx; 1-byte lanes
  MemLane16,
  MemLane32,
  MemLane64,
};

struct OpcodeInfo {
  uint8_t Prefix;
  uint32_t Code;
  const char *Text;
  ImmKind Imm;
  /// Fixed operand types, Bottom where unused (see Opcodes.def).
  ValType Params[3];
  ValType Result;
};

const OpcodeInfo &getOpcodeInfo(Opcode Op);
inline llvm::StringRef opcodeName(Opcode Op) { return getOpcodeInfo(Op).Text; }

/// Finds the opcode of an encoding; nullopt if there is none.
std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code);

/// Width in bytes of the memory access of a load/store/lane opcode; 0 for
/// other opcodes.
unsigned memoryAccessSize(ImmKind K);
/// Number of lanes a lane immediate may address; 0 for other kinds.
unsigned laneCount(ImmKind K);

} // namespace w2n

#endif // WASM2NATIVE_DECODE_OPCODE_H
