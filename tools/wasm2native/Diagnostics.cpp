//===- Diagnostics.cpp - How the tool reports errors ----------------------===//

#include "Diagnostics.h"

#include "support/WasmError.h"

#include "llvm/Support/Format.h"
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

} // namespace w2n
