//===- ValidateCommand.cpp - wasm2native validate -------------------------===//

#include "Commands.h"

#include "decode/ModuleReader.h"
#include "support/WasmError.h"
#include "validate/Validator.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

/// Prints `FILE:0xOFFSET: error: REASON` (or `FILE: error: REASON` for
/// errors without an offset, such as a file that cannot be read).
static void reportError(StringRef Path, Error E) {
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

static Error validateFile(StringRef Path) {
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
  return validateModule(**M);
}

int runValidate(const ValidateOptions &Opts) {
  int Status = 0;
  for (const std::string &Path : Opts.Inputs) {
    if (Error E = validateFile(Path)) {
      reportError(Path, std::move(E));
      Status = 1;
    }
  }
  return Status;
}

} // namespace w2n
