//===- ByteReader.h - Cursor over the bytes of a module ---------*- C++ -*-===//
///
/// \file
/// A bounded cursor over module bytes with the primitive decoders of the
/// binary format: bytes, LEB128 integers, IEEE bit patterns and names.
///
/// Errors are sticky, in the style of llvm::DataExtractor::Cursor: the first
/// failure is remembered with its file offset, and every later read returns a
/// zero value without moving. Callers check failed() before they act on a
/// value that controls a loop or an allocation, and takeError() at the end.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_DECODE_BYTEREADER_H
#define WASM2NATIVE_DECODE_BYTEREADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace w2n {

class ByteReader {
public:
  /// Reads Data, whose first byte is at file offset BaseOffset.
  ByteReader(llvm::ArrayRef<uint8_t> Data, uint64_t BaseOffset)
      : Data(Data), Base(BaseOffset) {}

  /// File offset of the next byte to be read.
  uint64_t offset() const { return Base + Pos; }
  size_t remaining() const { return Data.size() - Pos; }
  bool atEnd() const { return Pos == Data.size(); }
  bool failed() const { return Failed; }

  uint8_t readU8();
  uint32_t readVarU32();
  int32_t readVarS32();
  /// The signed 33-bit integer of block types, widened to 64 bits.
  int64_t readVarS33();
  uint64_t readVarU64();
  int64_t readVarS64();
  uint32_t readFixedU32();
  uint64_t readFixedU64();
  /// Returns the next N bytes, or an empty array after an error.
  llvm::ArrayRef<uint8_t> readBytes(uint64_t N);
  /// Skips N bytes.
  void skip(uint64_t N) { (void)readBytes(N); }
  /// A vector length: also checks that at least MinElemSize * N bytes remain,
  /// so a corrupt count can never drive a huge allocation or loop.
  uint32_t readCount(unsigned MinElemSize = 1);
  /// A name: vec(byte) holding valid UTF-8.
  std::string readName();

  /// Splits off the next N bytes as a reader of their own and skips them.
  ByteReader readSubReader(uint64_t N, const char *TooLongMessage);

  /// Records an error at Offset unless one is already recorded.
  void fail(uint64_t Offset, llvm::StringRef Message);
  void fail(llvm::StringRef Message) { fail(offset(), Message); }

  /// The first error seen, or success.
  llvm::Error takeError();

private:
  uint64_t readLEB(unsigned Bits, bool Signed);

  llvm::ArrayRef<uint8_t> Data;
  size_t Pos = 0;
  uint64_t Base;
  bool Failed = false;
  uint64_t ErrorOffset = 0;
  std::string ErrorMessage;
};

/// True if Bytes is well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF).
bool isValidUTF8(llvm::ArrayRef<uint8_t> Bytes);

} // namespace w2n

#endif // WASM2NATIVE_DECODE_BYTEREADER_H
