//===- HeaderCommand.cpp - wasm2native header -----------------------------===//
///
/// \file
/// Reads and validates a module and writes its typed C bindings (and, with
/// --glue, the C source of NAME_module()); the format is in
/// bindings/CHeader.h.
///
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"

#include "bindings/CHeader.h"
#include "validate/Validator.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

namespace {

/// Writes Path ("-" is stdout) with Write, only if it all succeeds.
Error writeOutput(StringRef Path, function_ref<void(raw_ostream &)> Write) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC, sys::fs::OF_Text);
  if (EC)
    return createFileError(Path, EC);
  Write(Out.os());
  Out.os().close();
  if (Out.os().has_error())
    return createFileError(Path, Out.os().error());
  Out.keep();
  return Error::success();
}

} // namespace

int runHeader(const HeaderOptions &Opts) {
  CHeaderOptions H;
  H.Name =
      Opts.ModuleName.empty() ? moduleNameForPath(Opts.Input) : Opts.ModuleName;
  if (!isCIdentifier(H.Name)) {
    reportError(createStringError(inconvertibleErrorCode(),
                                  "--module-name '%s' is not a C identifier",
                                  H.Name.c_str()));
    return 1;
  }
  H.SourceName = sys::path::filename(Opts.Input).str();
  H.HeaderName = Opts.Output == "-" ? H.Name + ".h"
                                    : sys::path::filename(Opts.Output).str();
  Expected<std::unique_ptr<Module>> M =
      readValidModule(Opts.Input, Opts.Features);
  if (!M) {
    reportError(Opts.Input, M.takeError());
    return 1;
  }
  if (Error E = writeOutput(
          Opts.Output, [&](raw_ostream &OS) { writeCHeader(**M, H, OS); })) {
    reportError(Opts.Output, std::move(E));
    return 1;
  }
  if (!Opts.Glue.empty())
    if (Error E = writeOutput(Opts.Glue,
                              [&](raw_ostream &OS) { writeCGlue(H, OS); })) {
      reportError(Opts.Glue, std::move(E));
      return 1;
    }
  return 0;
}

} // namespace w2n
