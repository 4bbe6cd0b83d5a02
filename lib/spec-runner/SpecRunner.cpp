//===- SpecRunner.cpp - Run prepared spec command lists -------------------===//
///
/// \file
/// See SpecRunner.h. `assert_trap` passes when the trap message contains the
/// expected text or the expected text starts with it; `assert_unlinkable`
/// needs Error::Unlinkable, `assert_uninstantiable` a trap during
/// instantiation.
///
//===----------------------------------------------------------------------===//

#include "spec-runner/SpecRunner.h"

#include "spec-runner/SpecFormat.h"
#include "spec-runner/SpecValues.h"

#include "wasm2native/runtime.h"
#include "wasm2native/spectest.h"

#include <fstream>
#include <map>
#include <sstream>

namespace w2n::spec {

namespace {

/// What an action produced: values, a trap, or an error of the script or
/// the runner (an unknown export, a bad argument...).
struct ActionResult {
  std::string Error;
  rt::Trap Trap;
  std::vector<TypedVal> Values;
};

std::string baseName(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? Path : Path.substr(Slash + 1);
}

std::string dirName(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  if (Slash == std::string::npos)
    return ".";
  return Slash == 0 ? "/" : Path.substr(0, Slash);
}

/// Member Key of the object O, or a null value.
const Json &member(const Json &O, const char *Key) {
  static const Json Null;
  auto It = O.find(Key);
  return It == O.end() ? Null : *It;
}

/// The host's verdict on Cmd, if it has one.
const Json *hostVerdict(const Json &Cmd) {
  const Json &H = member(Cmd, HostKey);
  return H.is_object() ? &H : nullptr;
}

bool hostPassed(const Json &Verdict) {
  const Json &P = member(Verdict, HostPassedKey);
  return P.is_boolean() && P.get<bool>();
}

/// Runs the commands of one list; its state (store, registered modules)
/// lives as long as the runner.
class ListRunner {
public:
  ListRunner(std::string Dir, std::string Name)
      : Dir(std::move(Dir)), Name(std::move(Name)) {}

  /// False (with Why) if the spectest module cannot be set up.
  bool init(std::string &Why) {
    return rt::defineSpectest(S, Linker, Why, /*Print=*/false);
  }
  void run(const Json &Commands);
  Counts counts() const { return C; }
  std::string failures() const { return Failures; }

private:
  void pass() { ++C.Passed; }
  void fail(const std::string &Why) {
    ++C.Failed;
    Failures += "  " + Name + ":" + std::to_string(Line) + ": " + Type + ": " +
                Why + "\n";
  }

  /// Loads the compiled module of Cmd; null (and Why) on failure,
  /// including the host's failure to compile it.
  std::shared_ptr<rt::LoadedModule> load(const Json &Cmd, std::string &Why);
  rt::Instance *instanceNamed(std::string_view ModuleName) {
    if (ModuleName.empty())
      return Current;
    auto It = Named.find(std::string(ModuleName));
    return It == Named.end() ? nullptr : It->second;
  }
  ActionResult perform(const Json &Action);

  void runModule(const Json &Cmd);
  void runRegister(const Json &Cmd);
  void runAction(const Json &Cmd);
  void runAssertReturn(const Json &Cmd);
  void runAssertTrap(const Json &Cmd);
  void runHostChecked(const Json &Cmd);
  void runAssertException(const Json &Cmd);
  void runAssertInstantiation(const Json &Cmd, bool WantUnlinkable);

  std::string Dir;
  std::string Name;
  /// The command being run, for failure lines.
  std::string Type;
  int64_t Line = 0;
  Counts C;
  std::string Failures;
  rt::Store S;
  rt::Linker Linker;
  rt::Instance *Current = nullptr;
  std::map<std::string, rt::Instance *> Named;
};

std::shared_ptr<rt::LoadedModule> ListRunner::load(const Json &Cmd,
                                                   std::string &Why) {
  if (const Json *Host = hostVerdict(Cmd)) {
    if (!hostPassed(*Host)) {
      Why = std::string(getString(*Host, HostMessageKey).value_or("?"));
      return nullptr;
    }
  }
  std::optional<std::string_view> File = getString(Cmd, "filename");
  if (!File || File->empty()) {
    Why = "no module file";
    return nullptr;
  }
  std::string Path = std::string(*File);
  if (Path.front() != '/')
    Path = Dir + "/" + Path;
  std::shared_ptr<rt::LoadedModule> L = rt::LoadedModule::load(Path, Why);
  if (!L)
    Why = "cannot load the compiled module: " + Why;
  return L;
}

ActionResult ListRunner::perform(const Json &Action) {
  ActionResult R;
  if (!Action.is_object()) {
    R.Error = "no action";
    return R;
  }
  std::string_view Type = getString(Action, "type").value_or("");
  std::string_view ModuleName = getString(Action, "module").value_or("");
  std::string Field(getString(Action, "field").value_or(""));
  rt::Instance *I = instanceNamed(ModuleName);
  if (!I) {
    R.Error = ModuleName.empty() ? "no current module"
                                 : "unknown module " + std::string(ModuleName);
    return R;
  }
  std::optional<rt::Extern> E = I->getExport(Field);
  if (!E) {
    R.Error = "unknown export \"" + Field + "\"";
    return R;
  }

  if (Type == "get") {
    if (E->Kind != W2N_EXTERN_GLOBAL) {
      R.Error = "export \"" + Field + "\" is not a global";
      return R;
    }
    TypedVal T;
    T.Type = E->G->Type.type;
    T.V = E->G->Value;
    R.Values.push_back(T);
    return R;
  }
  if (Type != "invoke") {
    R.Error = "unknown action type " + std::string(Type);
    return R;
  }
  if (E->Kind != W2N_EXTERN_FUNC) {
    R.Error = "export \"" + Field + "\" is not a function";
    return R;
  }
  const rt::FuncType &FT = S.funcType(E->F);
  std::vector<w2n_val> Args;
  auto JArgs = Action.find("args");
  if (JArgs != Action.end() && JArgs->is_array()) {
    for (const Json &J : *JArgs) {
      TypedVal T;
      if (!parseArg(J, T, R.Error))
        return R;
      Args.push_back(T.V);
    }
  }
  if (Args.size() != FT.Params.size()) {
    R.Error = "function \"" + Field + "\" has type " + FT.str() + ", but " +
              std::to_string(Args.size()) + " arguments were given";
    return R;
  }
  std::vector<w2n_val> Results;
  R.Trap = S.call(E->F, Args, Results);
  if (R.Trap)
    return R;
  for (size_t K = 0; K < Results.size(); ++K) {
    TypedVal T;
    T.Type = FT.Results[K];
    T.V = Results[K];
    R.Values.push_back(T);
  }
  return R;
}

void ListRunner::runModule(const Json &Cmd) {
  Current = nullptr;
  std::string Why;
  std::shared_ptr<rt::LoadedModule> M = load(Cmd, Why);
  if (!M)
    return fail(Why);
  rt::InstantiateResult R = Linker.instantiate(S, M);
  if (!R.Inst)
    return fail("instantiation failed: " + R.Err.Message);
  Current = R.Inst;
  if (std::optional<std::string_view> N = getString(Cmd, "name"))
    Named[std::string(*N)] = R.Inst;
  pass();
}

void ListRunner::runRegister(const Json &Cmd) {
  rt::Instance *I = instanceNamed(getString(Cmd, "name").value_or(""));
  if (!I)
    return fail("no module to register");
  Linker.defineInstance(std::string(getString(Cmd, "as").value_or("")), *I);
  pass();
}

void ListRunner::runAction(const Json &Cmd) {
  ActionResult R = perform(member(Cmd, "action"));
  if (!R.Error.empty())
    return fail(R.Error);
  if (R.Trap)
    return fail("unexpected trap: " + R.Trap.str());
  pass();
}

void ListRunner::runAssertReturn(const Json &Cmd) {
  ActionResult R = perform(member(Cmd, "action"));
  if (!R.Error.empty())
    return fail(R.Error);
  if (R.Trap)
    return fail("unexpected trap: " + R.Trap.str());
  auto Expected = Cmd.find("expected");
  if (Expected == Cmd.end() || !Expected->is_array())
    return fail("no expected values");
  if (Expected->size() != R.Values.size())
    return fail("expected " + std::to_string(Expected->size()) +
                " results, got " + std::to_string(R.Values.size()));
  for (size_t I = 0; I < R.Values.size(); ++I)
    if (!matches(R.Values[I], (*Expected)[I]))
      return fail("result " + std::to_string(I) + ": expected " +
                  (*Expected)[I].dump() + ", got " + describe(R.Values[I]));
  pass();
}

void ListRunner::runAssertTrap(const Json &Cmd) {
  ActionResult R = perform(member(Cmd, "action"));
  if (!R.Error.empty())
    return fail(R.Error);
  std::string Text(getString(Cmd, "text").value_or(""));
  if (!R.Trap) {
    std::string Got;
    for (const TypedVal &V : R.Values)
      Got += " " + describe(V);
    return fail("expected trap \"" + Text + "\", got a result:" + Got);
  }
  if (!messageMatches(R.Trap.Message, Text))
    return fail("expected trap \"" + Text + "\", got \"" + R.Trap.str() + "\"");
  pass();
}

/// assert_exception: the action must end in an uncaught exception.
/// Exception handling is not implemented yet (the compiler rejects the tag
/// section), so what gets here returned or trapped, and fails.
void ListRunner::runAssertException(const Json &Cmd) {
  ActionResult R = perform(member(Cmd, "action"));
  if (!R.Error.empty())
    return fail(R.Error);
  if (R.Trap)
    return fail("expected an exception, got a trap: " + R.Trap.str());
  fail("expected an exception, got a result");
}

/// assert_malformed and assert_invalid: decoding or validation must fail,
/// which the host has checked; module_definition (3.0 scripts): the module
/// must compile, which the host has checked too.
void ListRunner::runHostChecked(const Json &Cmd) {
  if (getString(Cmd, "module_type").value_or("binary") == "text")
    return; // text-format modules test the text parser: not counted
  const Json *Host = hostVerdict(Cmd);
  if (!Host)
    return fail("not checked on the host (prepare the list with "
                "`wasm2native wast --prepare`)");
  if (hostPassed(*Host))
    return pass();
  fail(std::string(getString(*Host, HostMessageKey).value_or("?")));
}

/// assert_unlinkable and assert_uninstantiable: the module compiles, and
/// instantiation fails at import resolution, or traps.
void ListRunner::runAssertInstantiation(const Json &Cmd, bool WantUnlinkable) {
  std::string Why;
  std::shared_ptr<rt::LoadedModule> M = load(Cmd, Why);
  if (!M)
    return fail(Why);
  rt::InstantiateResult R = Linker.instantiate(S, M);
  std::string Text(getString(Cmd, "text").value_or(""));
  if (R.Inst)
    return fail("expected \"" + Text + "\", but instantiation succeeded");
  rt::Error::Kind Want =
      WantUnlinkable ? rt::Error::Unlinkable : rt::Error::Uninstantiable;
  if (R.Err.K != Want)
    return fail(
        "expected \"" + Text + "\", got " +
        (R.Err.K == rt::Error::Unlinkable ? "a link error" : "an error") +
        ": " + R.Err.Message);
  if (!WantUnlinkable && !messageMatches(R.Err.Message, Text))
    return fail("expected trap \"" + Text + "\", got \"" + R.Err.Message +
                "\"");
  pass();
}

void ListRunner::run(const Json &Commands) {
  for (const Json &Cmd : Commands) {
    if (!Cmd.is_object())
      continue;
    Type = std::string(getString(Cmd, "type").value_or(""));
    auto L = Cmd.find("line");
    Line = L != Cmd.end() && L->is_number_integer() ? L->get<int64_t>() : 0;
    if (Type == "module")
      runModule(Cmd);
    else if (Type == "register")
      runRegister(Cmd);
    else if (Type == "action")
      runAction(Cmd);
    else if (Type == "assert_return")
      runAssertReturn(Cmd);
    else if (Type == "assert_trap" || Type == "assert_exhaustion")
      runAssertTrap(Cmd);
    else if (Type == "assert_malformed" || Type == "assert_invalid" ||
             Type == "module_definition")
      runHostChecked(Cmd);
    else if (Type == "assert_exception")
      runAssertException(Cmd);
    else if (Type == "assert_unlinkable")
      runAssertInstantiation(Cmd, /*WantUnlinkable=*/true);
    else if (Type == "assert_uninstantiable")
      runAssertInstantiation(Cmd, /*WantUnlinkable=*/false);
    else
      fail("unsupported command");
  }
}

} // namespace

ListResult runCommandList(const std::string &JsonPath) {
  ListResult R;
  R.Source = JsonPath;
  std::ifstream In(JsonPath, std::ios::binary);
  if (!In) {
    R.Error = "cannot read " + JsonPath;
    return R;
  }
  std::stringstream Text;
  Text << In.rdbuf();
  Json Root = Json::parse(Text.str(), /*cb=*/nullptr,
                          /*allow_exceptions=*/false);
  if (Root.is_discarded() || !Root.is_object()) {
    R.Error = JsonPath + " is not a JSON object";
    return R;
  }
  if (std::optional<std::string_view> Src = getString(Root, "source_filename"))
    R.Source = std::string(*Src);
  auto Meta = Root.find(MetaKey);
  if (Meta == Root.end() || !Meta->is_object()) {
    R.Error = JsonPath + " is not a prepared command list (prepare it with "
                         "`wasm2native wast --prepare DIR`)";
    return R;
  }
  auto Version = Meta->find("version");
  if (Version == Meta->end() || !Version->is_number_integer() ||
      Version->get<int64_t>() != FormatVersion) {
    R.Error = JsonPath + ": unsupported command list version (want " +
              std::to_string(FormatVersion) + ")";
    return R;
  }
  auto Commands = Root.find("commands");
  if (Commands == Root.end() || !Commands->is_array()) {
    R.Error = JsonPath + ": no \"commands\" array";
    return R;
  }

  ListRunner Runner(dirName(JsonPath), baseName(R.Source));
  std::string Why;
  if (!Runner.init(Why)) {
    R.Error = "cannot create the spectest module: " + Why;
    return R;
  }
  Runner.run(*Commands);
  R.C = Runner.counts();
  R.Failures = Runner.failures();
  return R;
}

std::string formatResult(const ListResult &R) {
  if (!R.Error.empty())
    return R.Source + ": error: " + R.Error + "\n";
  return R.Source + ": " + std::to_string(R.C.Passed) + " passed, " +
         std::to_string(R.C.Failed) + " failed\n" + R.Failures;
}

int runCommandLists(const std::vector<std::string> &JsonPaths, std::FILE *Out) {
  Counts Total;
  for (const std::string &Path : JsonPaths) {
    ListResult R = runCommandList(Path);
    std::fputs(formatResult(R).c_str(), Out);
    std::fflush(Out);
    Total += R.C;
    if (!R.Error.empty())
      ++Total.Failed;
  }
  std::fprintf(Out, "%u passed, %u failed\n", Total.Passed, Total.Failed);
  return Total.Failed ? 1 : 0;
}

} // namespace w2n::spec
