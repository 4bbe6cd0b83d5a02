//===- ByteReader.cpp - Cursor over the bytes of a module -----------------===//

#include "decode/ByteReader.h"

#include "support/WasmError.h"

using namespace llvm;

namespace w2n {

void ByteReader::fail(uint64_t Offset, StringRef Message) {
  if (Failed)
    return;
  Failed = true;
  ErrorOffset = Offset;
  ErrorMessage = Message.str();
}

Error ByteReader::takeError() {
  if (!Failed)
    return Error::success();
  return make_error<WasmError>(ErrorOffset, ErrorMessage);
}

uint8_t ByteReader::readU8() {
  if (Failed)
    return 0;
  if (Pos >= Data.size()) {
    fail("unexpected end");
    return 0;
  }
  return Data[Pos++];
}

// LEB128 as the spec restricts it: at most ceil(Bits / 7) bytes, and the
// unused bits of the last byte must be zero (unsigned) or copies of the sign
// bit (signed).
uint64_t ByteReader::readLEB(unsigned Bits, bool Signed) {
  if (Failed)
    return 0;
  const unsigned MaxBytes = (Bits + 6) / 7;
  uint64_t Result = 0;
  unsigned Shift = 0;
  for (unsigned I = 0;; ++I) {
    if (Pos >= Data.size()) {
      fail("unexpected end");
      return 0;
    }
    uint64_t ByteOffset = offset();
    uint8_t Byte = Data[Pos++];
    if (I == MaxBytes - 1) {
      // Last permitted byte: no continuation bit, and the bits above Bits
      // must be all-zero or a sign extension.
      if (Byte & 0x80) {
        fail(ByteOffset, "integer representation too long");
        return 0;
      }
      unsigned Used = Bits - Shift; // payload bits that belong to the value
      uint8_t Extra = uint8_t(Byte & 0x7f) >> Used;
      if (Signed) {
        bool Negative = (Byte >> (Used - 1)) & 1;
        uint8_t Want = Negative ? uint8_t(0x7f >> Used) : 0;
        if (Extra != Want) {
          fail(ByteOffset, "integer too large");
          return 0;
        }
      } else if (Extra != 0) {
        fail(ByteOffset, "integer too large");
        return 0;
      }
    }
    Result |= uint64_t(Byte & 0x7f) << Shift;
    Shift += 7;
    if (!(Byte & 0x80)) {
      if (Signed && Shift < 64 && (Byte & 0x40))
        Result |= ~uint64_t(0) << Shift;
      break;
    }
  }
  if (Bits < 64) {
    uint64_t Mask = (uint64_t(1) << Bits) - 1;
    if (Signed) {
      // Sign-extend from Bits to 64.
      uint64_t SignBit = uint64_t(1) << (Bits - 1);
      Result &= Mask;
      Result = (Result ^ SignBit) - SignBit;
    } else {
      Result &= Mask;
    }
  }
  return Result;
}

uint32_t ByteReader::readVarU32() { return uint32_t(readLEB(32, false)); }
int32_t ByteReader::readVarS32() { return int32_t(readLEB(32, true)); }
int64_t ByteReader::readVarS33() { return int64_t(readLEB(33, true)); }
uint64_t ByteReader::readVarU64() { return readLEB(64, false); }
int64_t ByteReader::readVarS64() { return int64_t(readLEB(64, true)); }

uint32_t ByteReader::readFixedU32() {
  ArrayRef<uint8_t> B = readBytes(4);
  if (B.empty())
    return 0;
  return uint32_t(B[0]) | uint32_t(B[1]) << 8 | uint32_t(B[2]) << 16 |
         uint32_t(B[3]) << 24;
}

uint64_t ByteReader::readFixedU64() {
  uint64_t Lo = readFixedU32();
  uint64_t Hi = readFixedU32();
  return Lo | Hi << 32;
}

ArrayRef<uint8_t> ByteReader::readBytes(uint64_t N) {
  if (Failed)
    return {};
  if (N > remaining()) {
    fail("unexpected end");
    return {};
  }
  ArrayRef<uint8_t> Result = Data.slice(Pos, N);
  Pos += N;
  return Result;
}

uint32_t ByteReader::readCount(unsigned MinElemSize) {
  uint64_t CountOffset = offset();
  uint32_t N = readVarU32();
  if (!Failed && uint64_t(N) * MinElemSize > remaining())
    fail(CountOffset, "length out of bounds");
  return Failed ? 0 : N;
}

std::string ByteReader::readName() {
  uint64_t LenOffset = offset();
  uint32_t Len = readVarU32();
  if (Failed)
    return {};
  if (Len > remaining()) {
    fail(LenOffset, "length out of bounds");
    return {};
  }
  uint64_t NameOffset = offset();
  ArrayRef<uint8_t> Bytes = readBytes(Len);
  if (!isValidUTF8(Bytes)) {
    fail(NameOffset, "malformed UTF-8 encoding");
    return {};
  }
  return std::string(Bytes.begin(), Bytes.end());
}

ByteReader ByteReader::readSubReader(uint64_t N, const char *TooLongMessage) {
  uint64_t Start = offset();
  if (Failed)
    return ByteReader({}, Start);
  if (N > remaining()) {
    fail(TooLongMessage);
    return ByteReader({}, Start);
  }
  ByteReader Sub(Data.slice(Pos, N), Start);
  Pos += N;
  return Sub;
}

bool isValidUTF8(ArrayRef<uint8_t> B) {
  size_t I = 0, N = B.size();
  while (I < N) {
    uint8_t C = B[I];
    if (C < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    uint32_t CP;
    if ((C & 0xe0) == 0xc0) {
      Len = 2;
      CP = C & 0x1f;
    } else if ((C & 0xf0) == 0xe0) {
      Len = 3;
      CP = C & 0x0f;
    } else if ((C & 0xf8) == 0xf0) {
      Len = 4;
      CP = C & 0x07;
    } else {
      return false;
    }
    if (I + Len > N)
      return false;
    for (unsigned K = 1; K < Len; ++K) {
      if ((B[I + K] & 0xc0) != 0x80)
        return false;
      CP = CP << 6 | (B[I + K] & 0x3f);
    }
    static const uint32_t MinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    if (CP < MinForLen[Len] || CP > 0x10ffff || (CP >= 0xd800 && CP <= 0xdfff))
      return false;
    I += Len;
  }
  return true;
}

} // namespace w2n
