//===- Diagnostics.cpp - How the tool reports errors ----------------------===//

#include "Diagnostics.h"

#include "decode/ModuleReader.h"
#include "support/WasmError.h"
#include "validate/Validator.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

void reportError(StringRef Path, Error E) {
  handleAllErrors(
      std::move(E),
      [&](const WasmError &WE) {
        errs() << Path << format(":0x%" PRIx64 ": ", WE.getOffset());
        WithColor::error(errs(), "", /*DisableColors=*/true)
            << WE.getMessage() << '\n';
      },
      [&](const ErrorInfoBase &EI) {
        errs() << Path << ": ";
        WithColor::error(errs(), "", /*DisableColors=*/true)
            << EI.message() << '\n';
      });
}

Expected<std::unique_ptr<Module>> readAndValidate(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read file: %s",
                             Buf.getError().message().c_str());
  ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  Expected<std::unique_ptr<Module>> M = readModule(Bytes);
  if (!M)
    return M.takeError();
  if (Error E = validateModule(**M))
    return std::move(E);
  return M;
}

} // namespace w2n
