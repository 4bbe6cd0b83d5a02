//===- Diagnostics.cpp - How the tool reports errors ----------------------===//

#include "Diagnostics.h"

#include "support/WasmError.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

/// "PREFIX: error: " with the colours of clang when stderr is a terminal.
static raw_ostream &startError(StringRef Prefix) {
  return WithColor::error(errs(), Prefix);
}

void reportError(StringRef Path, Error E) {
  handleAllErrors(
      std::move(E),
      [&](const WasmError &WE) {
        startError(
            (Path + ":0x" + utohexstr(WE.getOffset(), /*LowerCase=*/true))
                .str())
            << WE.getMessage() << '\n';
      },
      [&](const FileError &FE) {
        startError(FE.getFileName()) << FE.messageWithoutFileInfo() << '\n';
      },
      [&](const ErrorInfoBase &EI) {
        startError(Path) << EI.message() << '\n';
      });
}

void reportError(Error E) {
  handleAllErrors(std::move(E), [&](const ErrorInfoBase &EI) {
    startError(ToolName) << EI.message() << '\n';
  });
}

} // namespace w2n
