//===- WasmBuilder.h - Modules as byte vectors for the unit tests -*- C++
//-*-===//
///
/// \file
/// Small helpers that assemble .wasm bytes by hand, so each test shows the
/// exact bytes it feeds the reader and can compute the file offset that an
/// error must report, plus matchers for WasmError results.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TEST_UNIT_WASMBUILDER_H
#define WASM2NATIVE_TEST_UNIT_WASMBUILDER_H

#include "decode/Features.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace w2n {
namespace test {

using Bytes = std::vector<uint8_t>;

/// Section ids of the binary format.
enum : uint8_t {
  SecCustom = 0,
  SecType = 1,
  SecImport = 2,
  SecFunction = 3,
  SecTable = 4,
  SecMemory = 5,
  SecGlobal = 6,
  SecExport = 7,
  SecStart = 8,
  SecElement = 9,
  SecCode = 10,
  SecData = 11,
  SecDataCount = 12,
};

/// Value type bytes.
enum : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};

/// Minimal LEB128 encodings.
Bytes uleb(uint64_t V);
Bytes sleb(int64_t V);
/// A name: its length in LEB128, then its bytes.
Bytes name(llvm::StringRef S);
/// The concatenation of Parts.
Bytes cat(std::initializer_list<Bytes> Parts);
/// A vector: the element count, then the elements.
Bytes vec(std::initializer_list<Bytes> Elems);
/// A function type entry: 0x60, parameter and result vectors.
Bytes funcType(llvm::ArrayRef<uint8_t> Params, llvm::ArrayRef<uint8_t> Results);

/// Appends sections to a module header, remembering where each section's
/// contents start in the file.
class ModuleBuilder {
public:
  ModuleBuilder();

  /// Appends section Id holding Contents (its size is encoded minimally) and
  /// returns the file offset of Contents[0].
  uint64_t section(uint8_t Id, const Bytes &Contents);
  /// Appends a code section with one entry per function, each holding
  /// Locals (a complete vec of local runs) and Body. Returns the file
  /// offset of the first instruction of each body.
  std::vector<uint64_t> code(llvm::ArrayRef<std::pair<Bytes, Bytes>> Funcs);
  /// Appends raw bytes.
  void raw(const Bytes &B) { Data.insert(Data.end(), B.begin(), B.end()); }

  uint64_t size() const { return Data.size(); }
  const Bytes &bytes() const { return Data; }

private:
  Bytes Data;
};

/// A module with one type, one function of that type, the sections in
/// Middle (id, contents; they must be in order and between the function and
/// code sections) and a code section holding Body with no locals.
struct OneFunc {
  Bytes Module;
  uint64_t Body; ///< File offset of the first instruction of the body.
  /// File offsets of the contents of the Middle sections.
  std::vector<uint64_t> Middle;
};
OneFunc oneFunc(const Bytes &Type, const Bytes &Locals, const Bytes &Body,
                llvm::ArrayRef<std::pair<uint8_t, Bytes>> Middle = {});

/// readModule(B), discarding the module.
llvm::Error decode(const Bytes &B);
/// readModule(B) and, if that succeeds, validateModule.
llvm::Error decodeAndValidate(const Bytes &B,
                              FeatureSet Features = FeatureSet::wasm3());

/// Succeeds if E is a WasmError at Offset whose message contains Message.
::testing::AssertionResult failsAt(llvm::Error E, uint64_t Offset,
                                   llvm::StringRef Message);
/// Succeeds if E is success; otherwise shows the error.
::testing::AssertionResult succeeds(llvm::Error E);

} // namespace test
} // namespace w2n

#endif // WASM2NATIVE_TEST_UNIT_WASMBUILDER_H
