//===- CompileCommand.cpp - wasm2native compile ---------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "ProcessLimits.h"

#include "decode/ModuleReader.h"
#include "targets/TargetInfo.h"
#include "validate/Validator.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace w2n {

bool applyLLVMArgs(const std::vector<std::string> &Args) {
  if (Args.empty())
    return true;
  std::vector<const char *> Argv = {"wasm2native (--mllvm)"};
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  return cl::ParseCommandLineOptions(Argv.size(), Argv.data(), "", &errs());
}

std::string defaultOutputPath(StringRef Input, const CodegenOptions &Opts) {
  StringRef Ext;
  switch (Opts.Emit) {
  case EmitKind::SharedObject:
    Ext = Triple(Triple::normalize(Opts.Triple.empty() ? DefaultTriple
                                                       : Opts.Triple))
                  .isOSDarwin()
              ? ".dylib"
              : ".so";
    break;
  case EmitKind::Object:
    Ext = ".o";
    break;
  case EmitKind::Assembly:
    Ext = ".s";
    break;
  case EmitKind::LLVMIR:
    Ext = ".ll";
    break;
  }
  SmallString<256> Out(Input);
  // Only a .wasm extension is replaced: `prog` becomes `prog.so`, never
  // a file that overwrites something else.
  if (sys::path::extension(Out) == ".wasm")
    sys::path::replace_extension(Out, "");
  Out += Ext;
  return Out.str().str();
}

int runCompile(const CompileOptions &Opts) {
  if (Opts.Codegen.CPU == "help" || Opts.Codegen.Features == "help") {
    if (Error E = printTargetHelp(Opts.Codegen, Opts.Codegen.Features == "help",
                                  outs())) {
      reportError(std::move(E));
      return 1;
    }
    return 0;
  }
  if (Opts.Input.empty()) {
    reportError(createStringError(inconvertibleErrorCode(),
                                  "no input file (wasm2native compile "
                                  "FILE.wasm [-o OUTPUT])"));
    return 1;
  }
  std::string Output = Opts.Output;
  if (Output.empty()) {
    if (Opts.Input == "-") {
      reportError(createStringError(inconvertibleErrorCode(),
                                    "-o OUTPUT is required when the input "
                                    "is standard input"));
      return 1;
    }
    Output = defaultOutputPath(Opts.Input, Opts.Codegen);
  }
  // Mistakes in the options are reported before the input is read.
  if (Error E = checkCodegenOptions(Opts.Codegen)) {
    reportError(std::move(E));
    return 1;
  }
  // So is an output that cannot be written (else the linker says so last,
  // in its own words).
  if (Output != "-") {
    StringRef Dir = sys::path::parent_path(Output);
    if (std::error_code EC = sys::fs::access(Dir.empty() ? "." : Dir,
                                             sys::fs::AccessMode::Write)) {
      reportError(Output, createStringError(EC, "cannot write output: %s",
                                            EC.message().c_str()));
      return 1;
    }
  }
  if (!applyLLVMArgs(Opts.LLVMArgs) ||
      !applyProcessLimits(Opts.MaxMemoryMiB, Opts.TimeoutSeconds))
    return 1;
  Expected<std::unique_ptr<Module>> M =
      readValidModule(Opts.Input, Opts.Features);
  if (!M) {
    reportError(Opts.Input, M.takeError());
    return 1;
  }
  if (Error E = compileModule(**M, Opts.Codegen, Output)) {
    reportError(Opts.Input, std::move(E));
    return 1;
  }
  return 0;
}

} // namespace w2n
