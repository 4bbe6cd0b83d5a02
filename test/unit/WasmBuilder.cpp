//===- WasmBuilder.cpp - Modules as byte vectors for the unit tests -------===//

#include "WasmBuilder.h"

#include "decode/ModuleReader.h"
#include "support/WasmError.h"
#include "validate/Validator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {
namespace test {

Bytes uleb(uint64_t V) {
  uint8_t Buf[16];
  unsigned N = encodeULEB128(V, Buf);
  return Bytes(Buf, Buf + N);
}

Bytes sleb(int64_t V) {
  uint8_t Buf[16];
  unsigned N = encodeSLEB128(V, Buf);
  return Bytes(Buf, Buf + N);
}

Bytes name(StringRef S) {
  Bytes B = uleb(S.size());
  B.insert(B.end(), S.bytes_begin(), S.bytes_end());
  return B;
}

Bytes cat(std::initializer_list<Bytes> Parts) {
  Bytes B;
  for (const Bytes &P : Parts)
    B.insert(B.end(), P.begin(), P.end());
  return B;
}

Bytes vec(std::initializer_list<Bytes> Elems) {
  Bytes B = uleb(Elems.size());
  for (const Bytes &E : Elems)
    B.insert(B.end(), E.begin(), E.end());
  return B;
}

Bytes funcType(ArrayRef<uint8_t> Params, ArrayRef<uint8_t> Results) {
  Bytes B{0x60};
  Bytes N = uleb(Params.size());
  B.insert(B.end(), N.begin(), N.end());
  B.insert(B.end(), Params.begin(), Params.end());
  N = uleb(Results.size());
  B.insert(B.end(), N.begin(), N.end());
  B.insert(B.end(), Results.begin(), Results.end());
  return B;
}

ModuleBuilder::ModuleBuilder() : Data{0x00, 'a', 's', 'm', 1, 0, 0, 0} {}

uint64_t ModuleBuilder::section(uint8_t Id, const Bytes &Contents) {
  Data.push_back(Id);
  raw(uleb(Contents.size()));
  uint64_t Start = Data.size();
  raw(Contents);
  return Start;
}

std::vector<uint64_t>
ModuleBuilder::code(ArrayRef<std::pair<Bytes, Bytes>> Funcs) {
  // Lay the section out first, recording each body's offset within it.
  Bytes Contents = uleb(Funcs.size());
  std::vector<uint64_t> BodyInSection;
  for (const auto &[Locals, Body] : Funcs) {
    Bytes Size = uleb(Locals.size() + Body.size());
    Contents.insert(Contents.end(), Size.begin(), Size.end());
    Contents.insert(Contents.end(), Locals.begin(), Locals.end());
    BodyInSection.push_back(Contents.size());
    Contents.insert(Contents.end(), Body.begin(), Body.end());
  }
  uint64_t Start = section(SecCode, Contents);
  for (uint64_t &Off : BodyInSection)
    Off += Start;
  return BodyInSection;
}

OneFunc oneFunc(const Bytes &Type, const Bytes &Locals, const Bytes &Body,
                ArrayRef<std::pair<uint8_t, Bytes>> Middle) {
  ModuleBuilder B;
  B.section(SecType, cat({uleb(1), Type}));
  B.section(SecFunction, vec({uleb(0)}));
  std::vector<uint64_t> MiddleOffsets;
  for (const auto &[Id, Contents] : Middle)
    MiddleOffsets.push_back(B.section(Id, Contents));
  uint64_t BodyOffset = B.code({{Locals, Body}})[0];
  return {B.bytes(), BodyOffset, std::move(MiddleOffsets)};
}

Error decode(const Bytes &B) {
  Expected<std::unique_ptr<Module>> M = readModule(B);
  if (!M)
    return M.takeError();
  return Error::success();
}

Error decodeAndValidate(const Bytes &B, FeatureSet Features) {
  Expected<std::unique_ptr<Module>> M = readModule(B, Features);
  if (!M) {
    // Validation tests must not pass because the input is malformed.
    std::string Msg = toString(M.takeError());
    return createStringError(inconvertibleErrorCode(),
                             "malformed, not invalid: " + Msg);
  }
  return validateModule(**M);
}

::testing::AssertionResult failsAt(Error E, uint64_t Offset,
                                   StringRef Message) {
  if (!E)
    return ::testing::AssertionFailure()
           << "expected an error at 0x" << utohexstr(Offset) << " containing \""
           << Message.str() << "\", got success";
  ::testing::AssertionResult Result = ::testing::AssertionSuccess();
  handleAllErrors(
      std::move(E),
      [&](const WasmError &WE) {
        if (WE.getOffset() == Offset &&
            StringRef(WE.getMessage()).contains(Message))
          return;
        Result = ::testing::AssertionFailure()
                 << "expected 0x" << utohexstr(Offset) << ": ..."
                 << Message.str() << "..., got 0x" << utohexstr(WE.getOffset())
                 << ": " << WE.getMessage();
      },
      [&](const ErrorInfoBase &EI) {
        Result = ::testing::AssertionFailure()
                 << "expected a WasmError, got: " << EI.message();
      });
  return Result;
}

::testing::AssertionResult succeeds(Error E) {
  if (!E)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "unexpected error: " << toString(std::move(E));
}

} // namespace test
} // namespace w2n
