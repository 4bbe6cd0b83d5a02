//===- wasm2native.cpp - The wasm2native command --------------------------===//
///
/// \file
/// Parses the command line with CLI11 into the options structs of
/// Commands.h and dispatches to a subcommand. This is the only translation
/// unit built with exceptions; no exception leaves it.
///
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Version.h"

#include "llvm/Support/InitLLVM.h"

#include <CLI/CLI.hpp>

using namespace w2n;

/// The code generation flags shared by `compile` and the commands that
/// compile on the fly.
static void addCodegenOptions(CLI::App &Cmd, CodegenOptions &Opts) {
  Cmd.add_option("-O", Opts.OptLevel, "Optimisation level 0-3 (default 2)")
      ->check(CLI::Range(0u, 3u))
      ->allow_extra_args(false);
  Cmd.add_option_function<std::string>(
         "--bounds-checks",
         [&Opts](const std::string &V) {
           Opts.Bounds =
               V == "guard" ? BoundsChecks::Guard : BoundsChecks::Explicit;
         },
         "Memory bounds checks: guard (guard pages, no compares) or "
         "explicit (compare and trap); default per target")
      ->check(CLI::IsMember({"guard", "explicit"}));
  Cmd.add_option("-j,--threads", Opts.Threads,
                 "Codegen threads (output is identical for any value)")
      ->check(CLI::Range(1u, 256u));
  Cmd.add_option("--target", Opts.Triple,
                 "Target triple (default x86_64-unknown-linux-gnu)");
  Cmd.add_option("--cpu", Opts.CPU,
                 "Target CPU (default: the triple's "
                 "baseline, never the host's)");
  Cmd.add_option("--features", Opts.Features,
                 "Target features, e.g. +avx2,-sse4.2");
}

static void addCompileOptions(CLI::App &Cmd, CompileOptions &Opts) {
  Cmd.add_option("input", Opts.Input, "Input .wasm file")->required();
  Cmd.add_option("-o,--output", Opts.Output, "Output file")->required();
  addCodegenOptions(Cmd, Opts.Codegen);
  std::map<std::string, EmitKind> Emits = {{"so", EmitKind::SharedObject},
                                           {"obj", EmitKind::Object},
                                           {"asm", EmitKind::Assembly},
                                           {"llvm", EmitKind::LLVMIR}};
  Cmd.add_option("--emit", Opts.Codegen.Emit,
                 "Output kind: so (default), obj, asm or llvm")
      ->transform(CLI::CheckedTransformer(Emits, CLI::ignore_case));
}

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);

  CLI::App App{"wasm2native: an ahead-of-time WebAssembly compiler"};
  App.name("wasm2native");
  App.set_version_flag("--version", "wasm2native " WASM2NATIVE_VERSION
                                    " (LLVM " WASM2NATIVE_LLVM_VERSION ")");
  App.require_subcommand(1);

  ValidateOptions Validate;
  CLI::App *ValidateCmd = App.add_subcommand(
      "validate", "Check that .wasm files are well-formed and valid");
  ValidateCmd
      ->add_option("files", Validate.Inputs, "Input .wasm files ('-' = stdin)")
      ->required();

  CompileOptions Compile;
  CLI::App *CompileCmd =
      App.add_subcommand("compile", "Compile a .wasm module to native code");
  addCompileOptions(*CompileCmd, Compile);

  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }

  if (ValidateCmd->parsed())
    return runValidate(Validate);
  if (CompileCmd->parsed())
    return runCompile(Compile);
  return 1;
}
