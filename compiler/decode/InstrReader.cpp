//===- InstrReader.cpp - Decode instructions one at a time ----------------===//

#include "decode/InstrReader.h"

using namespace llvm;

namespace w2n {

ValType decodeValType(ByteReader &R) {
  uint64_t Off = R.offset();
  uint8_t B = R.readU8();
  if (R.failed())
    return ValType::Bottom;
  switch (B) {
  case 0x7f:
  case 0x7e:
  case 0x7d:
  case 0x7c:
  case 0x7b:
  case 0x70:
  case 0x6f:
    return ValType(B);
  default:
    R.fail(Off, "malformed value type");
    return ValType::Bottom;
  }
}

ValType decodeRefType(ByteReader &R) {
  uint64_t Off = R.offset();
  uint8_t B = R.readU8();
  if (R.failed())
    return ValType::Bottom;
  if (B == 0x70 || B == 0x6f)
    return ValType(B);
  R.fail(Off, "malformed reference type");
  return ValType::Bottom;
}

ValType InstrReader::readValType() { return decodeValType(R); }

void InstrReader::readMemArg(Instr &I) {
  uint64_t FlagsOff = R.offset();
  I.AlignLog2 = R.readVarU32();
  if (Features.has(Feature::MultiMemory)) {
    // The flags are the alignment exponent (bits 0-5) and, in bit 6,
    // whether a memory index follows; nothing else may be set.
    if (I.AlignLog2 >= 0x80) {
      R.fail(FlagsOff, "malformed memop flags");
      return;
    }
    if (I.AlignLog2 & 0x40) {
      I.AlignLog2 &= 0x3f;
      I.Memory = R.readVarU32();
    }
  }
  // The offset is a u64 with memory64 (the validator limits it to 32 bits
  // for memories of i32 addresses), a u32 in 2.0.
  I.Value = Features.has(Feature::Memory64) ? R.readVarU64() : R.readVarU32();
}

uint32_t InstrReader::readMemIndex() {
  if (Features.has(Feature::MultiMemory))
    return R.readVarU32();
  uint64_t Off = R.offset();
  if (R.readU8() != 0)
    R.fail(Off, "zero byte expected");
  return 0;
}

bool InstrReader::next(Instr &I) {
  if (R.failed() || R.atEnd())
    return false;
  I.Offset = R.offset();
  uint8_t Prefix = R.readU8();
  uint32_t Code = Prefix;
  if (Prefix == 0xfc || Prefix == 0xfd)
    Code = R.readVarU32();
  else
    Prefix = 0;
  if (R.failed())
    return false;
  std::optional<Opcode> Op = lookupOpcode(Prefix, Code);
  if (!Op) {
    R.fail(I.Offset, "illegal opcode");
    return false;
  }
  I.Op = *Op;
  if (Prefix == 0xfd && Code >= 0x100 && !Features.has(Feature::RelaxedSimd)) {
    R.fail(I.Offset, (Twine(opcodeName(*Op)) +
                      " needs the relaxed-simd feature (disabled by "
                      "--wasm-features)")
                         .str());
    return false;
  }
  if ((I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect) &&
      !Features.has(Feature::TailCall)) {
    R.fail(I.Offset, (Twine(opcodeName(*Op)) +
                      " needs the tail-call feature (disabled by "
                      "--wasm-features)")
                         .str());
    return false;
  }
  I.ImmOffset = R.offset();
  I.Targets = {};
  I.Memory = I.SrcMemory = 0;

  switch (getOpcodeInfo(I.Op).Imm) {
  case ImmKind::None:
    break;
  case ImmKind::Block: {
    // 0x40, a value type, or a non-negative s33 type index.
    if (R.atEnd()) {
      R.fail("unexpected end");
      break;
    }
    uint64_t Off = R.offset();
    int64_t V = R.readVarS33();
    if (R.failed())
      break;
    if (V == -0x40) {
      I.Block = {BlockType::Empty, ValType::Bottom, 0};
    } else if (V < 0) {
      // Value types are single bytes; a longer negative s33 is no type.
      if (R.offset() - Off != 1) {
        R.fail(Off, "malformed value type");
        break;
      }
      uint8_t B = uint8_t(V & 0x7f);
      ByteReader One(ArrayRef<uint8_t>(&B, 1), Off);
      ValType T = decodeValType(One);
      if (One.failed())
        R.fail(Off, "malformed value type");
      I.Block = {BlockType::Value, T, 0};
    } else {
      if (V > UINT32_MAX)
        R.fail(Off, "integer too large");
      I.Block = {BlockType::TypeIndex, ValType::Bottom, uint32_t(V)};
    }
    break;
  }
  case ImmKind::Br:
  case ImmKind::Call:
  case ImmKind::Local:
  case ImmKind::Global:
  case ImmKind::Table:
  case ImmKind::Func:
  case ImmKind::DataIdx:
  case ImmKind::ElemIdx:
    I.Index = R.readVarU32();
    break;
  case ImmKind::BrTable: {
    uint32_t N = R.readCount();
    TargetStorage.clear();
    for (uint32_t K = 0; K < N && !R.failed(); ++K)
      TargetStorage.push_back(R.readVarU32());
    I.Index = R.readVarU32();
    I.Targets = TargetStorage;
    break;
  }
  case ImmKind::CallIndirect:
    I.Index = R.readVarU32();
    I.Index2 = R.readVarU32();
    break;
  case ImmKind::Mem8:
  case ImmKind::Mem16:
  case ImmKind::Mem32:
  case ImmKind::Mem64:
  case ImmKind::Mem128:
    readMemArg(I);
    break;
  case ImmKind::MemIdx:
    I.Memory = readMemIndex();
    break;
  case ImmKind::I32:
    I.Value = uint64_t(int64_t(R.readVarS32()));
    break;
  case ImmKind::I64:
    I.Value = uint64_t(R.readVarS64());
    break;
  case ImmKind::F32:
    I.Value = R.readFixedU32();
    break;
  case ImmKind::F64:
    I.Value = R.readFixedU64();
    break;
  case ImmKind::V128:
  case ImmKind::Shuffle: {
    ArrayRef<uint8_t> B = R.readBytes(16);
    if (!B.empty())
      std::copy(B.begin(), B.end(), I.Bytes);
    break;
  }
  case ImmKind::HeapType:
    I.Type = decodeRefType(R);
    break;
  case ImmKind::SelectT: {
    uint32_t N = R.readCount();
    I.Index = N; // the arity; the validator insists on exactly one
    I.Type = ValType::Bottom;
    for (uint32_t K = 0; K < N && !R.failed(); ++K) {
      ValType T = readValType();
      if (K == 0)
        I.Type = T;
    }
    break;
  }
  case ImmKind::MemInit:
    I.Index = R.readVarU32();
    I.Memory = readMemIndex();
    break;
  case ImmKind::MemCopy:
    I.Memory = readMemIndex();
    I.SrcMemory = readMemIndex();
    break;
  case ImmKind::TableInit:
  case ImmKind::TableCopy:
    I.Index = R.readVarU32();
    I.Index2 = R.readVarU32();
    break;
  case ImmKind::Lane16:
  case ImmKind::Lane8:
  case ImmKind::Lane4:
  case ImmKind::Lane2:
    I.Index = R.readU8();
    break;
  case ImmKind::MemLane8:
  case ImmKind::MemLane16:
  case ImmKind::MemLane32:
  case ImmKind::MemLane64:
    readMemArg(I);
    I.Index = R.readU8();
    break;
  }
  return !R.failed();
}

} // namespace w2n
