//===- InstrReader.h - Decode instructions one at a time --------*- C++ -*-===//
///
/// \file
/// Decodes the instruction stream of a function body or a constant
/// expression into Instr values with their immediates. It checks only the
/// binary format (known opcodes, well-formed immediates, reserved zero
/// bytes); typing is the validator's job.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_DECODE_INSTRREADER_H
#define WASM2NATIVE_DECODE_INSTRREADER_H

#include "decode/ByteReader.h"
#include "decode/Module.h"
#include "decode/Opcode.h"

#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace w2n {

struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex };
  Kind K = Empty;
  ValType Type = ValType::Bottom; ///< K == Value
  uint32_t Index = 0;             ///< K == TypeIndex
};

struct Instr {
  Opcode Op = Opcode::Nop;
  uint64_t Offset = 0;    ///< File offset of the opcode's first byte.
  uint64_t ImmOffset = 0; ///< File offset of the first immediate.
  /// The first index immediate: label, function, type, local, global,
  /// table, data or element index, lane, or br_table's default label.
  uint32_t Index = 0;
  /// The second index: call_indirect's and table.init's table, table.copy's
  /// source table.
  uint32_t Index2 = 0;
  /// Constants (i32 sign-extended to 64 bits, f32/f64 as bit patterns) and
  /// the memarg offset.
  uint64_t Value = 0;
  uint32_t AlignLog2 = 0; ///< memarg alignment exponent, as encoded
  /// The memory of a memory instruction (memory.copy's destination); 0
  /// unless multi-memory gives another.
  uint32_t Memory = 0;
  uint32_t SrcMemory = 0; ///< memory.copy's source memory
  BlockType Block;
  ValType Type = ValType::Bottom; ///< ref.null's type, select's annotation
  uint8_t Bytes[16] = {};         ///< v128.const and i8x16.shuffle
  /// br_table's labels without the default; valid until the next read.
  llvm::ArrayRef<uint32_t> Targets;

  const OpcodeInfo &info() const { return getOpcodeInfo(Op); }
};

class InstrReader {
public:
  InstrReader(const Module &M, ExprRange Range)
      : R(M.bytes(Range.Offset, Range.Size), Range.Offset),
        Features(M.Features) {}
  InstrReader(llvm::ArrayRef<uint8_t> Data, uint64_t BaseOffset,
              FeatureSet Features = FeatureSet::wasm3())
      : R(Data, BaseOffset), Features(Features) {}

  bool atEnd() const { return R.atEnd(); }
  bool failed() const { return R.failed(); }
  uint64_t offset() const { return R.offset(); }

  /// Decodes the next instruction into I. Returns false at the end of the
  /// input or on a malformed instruction (then takeError() says why).
  bool next(Instr &I);

  void fail(uint64_t Offset, llvm::StringRef Message) {
    R.fail(Offset, Message);
  }
  llvm::Error takeError() { return R.takeError(); }

private:
  void readMemArg(Instr &I);
  /// A memory index immediate: a zero byte in 2.0, a u32 with multi-memory.
  uint32_t readMemIndex();
  ValType readValType();

  ByteReader R;
  FeatureSet Features;
  llvm::SmallVector<uint32_t, 16> TargetStorage;
};

/// Decodes a value type byte at the reader's position; records "malformed
/// value type" (or the reference-type variant) on failure.
ValType decodeValType(ByteReader &R);
ValType decodeRefType(ByteReader &R);

} // namespace w2n

#endif // WASM2NATIVE_DECODE_INSTRREADER_H
