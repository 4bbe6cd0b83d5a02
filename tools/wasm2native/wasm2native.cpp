//===- wasm2native.cpp - The wasm2native command --------------------------===//
///
/// \file
/// Parses the command line with CLI11 into the options structs of
/// Commands.h and dispatches to a subcommand. This is the only translation
/// unit built with exceptions; no exception leaves it.
///
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Version.h"
#include "runner/RunCli.h"
#include "targets/TargetInfo.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"

#include <cstdio>

#include <CLI/CLI.hpp>

using namespace w2n;

/// `--wasm-features`, the same in every subcommand that reads modules.
static void addFeaturesOption(CLI::App &Cmd, FeatureSet &Features) {
  Cmd.add_option_function<std::string>(
         "--wasm-features",
         [&Features](const std::string &V) {
           llvm::Expected<FeatureSet> F = parseFeatures(V);
           if (!F)
             throw CLI::ValidationError("--wasm-features",
                                        toString(F.takeError()));
           Features = *F;
         },
         "The WebAssembly features modules may use: 3.0 (the default), "
         "2.0, and +NAME/-NAME of extended-const, memory64, multi-memory, "
         "relaxed-simd, tail-call, e.g. 2.0,+memory64")
      ->type_name("LIST");
}

/// The code generation flags shared by `compile` and the commands that
/// compile on the fly.
/// \p FuelFlag: whether to offer the bool `--fuel` (`run` has its own
/// `--fuel N`, which implies it). \p TargetDefault: what --help says the
/// default target is.
static void
addCodegenOptions(CLI::App &Cmd, CodegenOptions &Opts, bool FuelFlag = true,
                  const std::string &TargetDefault = DefaultTriple) {
  Cmd.add_option("-O", Opts.OptLevel, "Optimisation level 0-3 (default 2)")
      ->check(CLI::Range(0u, 3u))
      ->allow_extra_args(false);
  Cmd.add_option_function<std::string>(
         "--bounds-checks",
         [&Opts](const std::string &V) { Opts.Bounds = parseBoundsChecks(V); },
         "Memory bounds checks: guard (guard pages, no compares) or "
         "explicit (compare and trap); default per target")
      ->check(CLI::IsMember({"guard", "explicit"}));
  Cmd.add_option("-j,--threads", Opts.Threads,
                 "Codegen threads (output is identical for any value)")
      ->check(CLI::Range(1u, 256u));
  Cmd.add_option("--target", Opts.Triple,
                 "Target triple (default " + TargetDefault + ")");
  Cmd.add_option("--cpu", Opts.CPU,
                 "Target CPU (default: the triple's "
                 "baseline, never the host's)");
  Cmd.add_option("--features", Opts.Features,
                 "Target features, e.g. +avx2,-sse4.2");
  if (FuelFlag)
    Cmd.add_flag("--fuel", Opts.Fuel,
                 "Meter execution with fuel (about one unit per instruction)");
  Cmd.add_flag("--epoch", Opts.Epoch,
               "Check an epoch deadline in every loop and at the entry of "
               "calling functions, for interruption from another thread");
}

static void addCompileOptions(CLI::App &Cmd, CompileOptions &Opts) {
  // Not ->required(): `--cpu help` and `--features help` need neither.
  Cmd.add_option("input", Opts.Input, "Input .wasm file");
  Cmd.add_option("-o,--output", Opts.Output,
                 "Output file (default: the input's name with the output "
                 "kind's extension, X.so for X.wasm)");
  addCodegenOptions(Cmd, Opts.Codegen);
  addFeaturesOption(Cmd, Opts.Features);
  std::map<std::string, EmitKind> Emits = {{"so", EmitKind::SharedObject},
                                           {"obj", EmitKind::Object},
                                           {"asm", EmitKind::Assembly},
                                           {"llvm", EmitKind::LLVMIR}};
  Cmd.add_option("--emit", Opts.Codegen.Emit,
                 "Output kind: so (default), obj, asm or llvm")
      ->transform(CLI::CheckedTransformer(Emits, CLI::ignore_case));
  Cmd.add_option("--module-name", Opts.Codegen.ModuleName,
                 "With --emit=obj: name the descriptor NAME_wasm2native_"
                 "descriptor and put the code in section w2n_text_NAME, to "
                 "link several modules into one program (see "
                 "docs/embedding.md)")
      ->type_name("NAME");
  Cmd.add_flag("--print-plan", Opts.Codegen.PrintPlan,
               "Print the compile plan to stderr: the predicted cost and the "
               "budget, the chunks, and which functions get the cheaper "
               "baseline tier and why");
  Cmd.add_option("--max-memory", Opts.MaxMemoryMiB,
                 "Stop with an error if the compile needs more than this "
                 "many MiB of address space (for services; default: no "
                 "limit)")
      ->type_name("MIB");
  Cmd.add_option("--timeout", Opts.TimeoutSeconds,
                 "Stop with an error after this many seconds of CPU time "
                 "(for services; default: no limit)")
      ->type_name("SECONDS");
  Cmd.add_option("--mllvm", Opts.LLVMArgs,
                 "Pass an option to LLVM (repeatable), e.g. --mllvm="
                 "-print-after=loop-vectorize")
      ->type_name("ARG")
      ->allow_extra_args(false);
}

/// The words that name a subcommand (anything else runs a module).
static bool isSubcommand(const CLI::App &App, std::string_view Word) {
  for (const CLI::App *Sub : App.get_subcommands({}))
    if (Sub->get_name() == Word)
      return true;
  return false;
}

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);

  CLI::App App{"wasm2native: an ahead-of-time WebAssembly compiler"};
  App.name("wasm2native");
  run::useToolDiagnostics(App, ToolName);
  App.footer("wasm2native [run options] FILE [ARGS...] is `wasm2native run`, "
             "as with wasmtime.");
  // What a bug report needs: which build, which LLVM, and what code it
  // writes when --target is not given.
  App.set_version_flag("--version",
                       std::string("wasm2native " WASM2NATIVE_VERSION
                                   " (LLVM " WASM2NATIVE_LLVM_VERSION ")\n"
                                   "default target: ") +
                           DefaultTriple);
  App.require_subcommand(1);

  ValidateOptions Validate;
  CLI::App *ValidateCmd = App.add_subcommand(
      "validate", "Check that .wasm files are well-formed and valid");
  ValidateCmd
      ->add_option("files", Validate.Inputs, "Input .wasm files ('-' = stdin)")
      ->required();
  addFeaturesOption(*ValidateCmd, Validate.Features);

  CompileOptions Compile;
  CLI::App *CompileCmd =
      App.add_subcommand("compile", "Compile a .wasm module to native code");
  addCompileOptions(*CompileCmd, Compile);

  HeaderOptions Header;
  CLI::App *HeaderCmd = App.add_subcommand(
      "header", "Write a C header with a module's exports and imports as "
                "typed C functions");
  HeaderCmd->add_option("input", Header.Input, "Input .wasm file")->required();
  addFeaturesOption(*HeaderCmd, Header.Features);
  HeaderCmd->add_option("-o,--output", Header.Output,
                        "The header (default: standard output)");
  HeaderCmd
      ->add_option("--module-name", Header.ModuleName,
                   "Prefix of the header's names, as given to `compile "
                   "--module-name` (default: from the input's name)")
      ->type_name("NAME");
  HeaderCmd
      ->add_option("--glue", Header.Glue,
                   "Also write FILE.c, which defines NAME_module() for the "
                   "object `compile --emit=obj --module-name NAME` makes")
      ->type_name("FILE");

  WastOptions Wast;
  CLI::App *WastCmd = App.add_subcommand(
      "wast", "Run spec test scripts: compile, load and check every command");
  WastCmd->add_option("files", Wast.Inputs, "Input .wast files")->required();
  addCodegenOptions(*WastCmd, Wast.Codegen);
  addFeaturesOption(*WastCmd, Wast.Features);
  WastCmd
      ->add_option("--converter", Wast.Conv,
                   "What converts the scripts: the spec's reference "
                   "interpreter (WebAssembly 3.0 scripts; the default) or "
                   "wabt's wast2json (2022 scripts of proposals)")
      ->transform(
          CLI::CheckedTransformer(std::map<std::string, WastOptions::Converter>{
              {"interpreter", WastOptions::Converter::Interpreter},
              {"wast2json", WastOptions::Converter::Wast2Json}}))
      ->type_name("interpreter|wast2json");
  WastCmd
      ->add_option("--interpreter", Wast.Interpreter,
                   "The reference interpreter (`wasm`) to use (default: "
                   "wasm-spec-interpreter beside wasm2native, which the "
                   "build makes, else from PATH)")
      ->type_name("PATH");
  WastCmd->add_option("--wast2json", Wast.Wast2Json,
                      "The wast2json to use (default: from PATH; implies "
                      "--converter=wast2json)");
  // One value per occurrence: a vector option would otherwise take the
  // script names that follow as more flags.
  WastCmd
      ->add_option("--wast2json-flag", Wast.Wast2JsonFlags,
                   "Pass one flag to wast2json (repeatable; implies "
                   "--converter=wast2json), e.g. "
                   "--wast2json-flag=--enable-tail-call")
      ->type_name("FLAG")
      ->allow_extra_args(false);
  WastCmd
      ->add_option("--mllvm", Wast.LLVMArgs,
                   "Pass an option to LLVM "
                   "(repeatable), as for compile")
      ->type_name("ARG")
      ->allow_extra_args(false);
  WastCmd
      ->add_option("--prepare", Wast.PrepareDir,
                   "Only compile, into DIR: DIR/NAME.json and the "
                   "modules, for `wasm2native-run --spec` on the "
                   "target (see docs/cross.md)")
      ->type_name("DIR");

  RunCommandOptions Run;
  CLI::App *RunCmd = App.add_subcommand(
      "run", "Run a module (.wasm, compiled and cached, or a compiled .so) "
             "as a WASI program in a deny-by-default sandbox");
  run::addRunOptions(*RunCmd, Run.Run);
  std::string HostTarget = hostTarget();
  addCodegenOptions(*RunCmd, Run.Codegen, /*FuelFlag=*/false,
                    "this machine's, " + HostTarget);
  addFeaturesOption(*RunCmd, Run.Features);
  RunCmd->add_option("--cache-dir", Run.CacheDir,
                     "Cache compiled modules here (default: "
                     "$XDG_CACHE_HOME/wasm2native)");
  if (argc == 1) {
    std::fprintf(stderr,
                 "%s: error: no input file (run a module with `wasm2native "
                 "FILE.wasm [ARGS...]`; see `wasm2native --help`)\n",
                 ToolName);
    return 1;
  }
  // `wasm2native [run options] FILE [ARGS...]` is `run`, as
  // `wasmtime FILE` is `wasmtime run FILE`.
  std::string_view First = argv[1];
  bool ImplicitRun = !isSubcommand(App, First) && First != "--help" &&
                     First != "-h" && First != "--version";
  if (ImplicitRun && First[0] != '-' &&
      First.find_first_of("./") == std::string_view::npos &&
      !llvm::sys::fs::exists(argv[1])) {
    // Most likely a misspelt subcommand: say so rather than "cannot read".
    std::fprintf(stderr,
                 "%s: error: '%s' is neither a subcommand nor a file (see "
                 "`wasm2native --help`)\n",
                 ToolName, argv[1]);
    return 1;
  }
  // Everything after the module belongs to the guest.
  if (First == "run" || ImplicitRun) {
    std::vector<char *> Argv(argv, argv + argc);
    if (ImplicitRun)
      Argv.insert(Argv.begin() + 1, const_cast<char *>("run"));
    if (int Status = run::parseRunCommandLine(App, *RunCmd, 2, int(Argv.size()),
                                              Argv.data(), Run.Run);
        Status >= 0)
      return Status;
    return runRun(Run);
  }

  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    return run::exitAfterParse(App, E);
  }

  if (ValidateCmd->parsed())
    return runValidate(Validate);
  if (CompileCmd->parsed())
    return runCompile(Compile);
  if (WastCmd->parsed()) {
    // wast2json's options ask for wast2json, unless --converter says
    // otherwise.
    if (!WastCmd->count("--converter") &&
        (WastCmd->count("--wast2json") || WastCmd->count("--wast2json-flag")))
      Wast.Conv = WastOptions::Converter::Wast2Json;
    return runWast(Wast);
  }
  if (HeaderCmd->parsed())
    return runHeader(Header);
  return 1;
}
