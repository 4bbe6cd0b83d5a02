//===- wasm2native.hpp - A thin C++ wrapper of the C API --------*- C++ -*-===//
///
/// \file
/// RAII owners for the objects of wasm2native.h, errors as values (no
/// exceptions), and host functions defined from typed C++ callables: the
/// import's wasm type is read off the callable's signature.
///
/// \code
///   using namespace wasm2native;
///   Result<Module> M = Module::load("plugin.so");
///   if (!M) { puts(M.error().message()); return 1; }
///   Linker L;
///   L.func("env", "log", [](Caller &C, int32_t Ptr, int32_t Len) {
///     std::string S(Len, '\0');
///     if (C.read(uint32_t(Ptr), S.data(), S.size()))
///       return C.trap("log: bad pointer");
///     puts(S.c_str());
///   });
///   Result<Instance> I = L.instantiate(*M);
///   Result<int64_t> R = I->call<int64_t>("process", 16, 5);
/// \endcode
///
/// Parameter and result types: int32_t/uint32_t (i32), int64_t/uint64_t
/// (i64), float (f32), double (f64); a host function returns void or one
/// of them, and may take a `Caller &` first to reach the calling
/// instance's memory or to trap.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_WASM2NATIVE_HPP
#define WASM2NATIVE_WASM2NATIVE_HPP

#include "wasm2native/wasm2native.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace wasm2native {

/// An error or trap; empty (false) on success.
class Error {
public:
  Error() = default;
  explicit Error(wasm2native_error *E) : E(E) {}
  Error(Error &&O) noexcept : E(O.E) { O.E = nullptr; }
  Error &operator=(Error &&O) noexcept {
    std::swap(E, O.E);
    return *this;
  }
  ~Error() {
    if (E)
      wasm2native_error_delete(E);
  }

  explicit operator bool() const { return E != nullptr; }
  int kind() const { return E ? wasm2native_error_kind(E) : 0; }
  bool isTrap() const { return kind() == WASM2NATIVE_ERROR_TRAP; }
  const char *message() const { return E ? wasm2native_error_message(E) : ""; }
  uint32_t trapCode() const { return E ? wasm2native_error_trap_code(E) : 0; }
  const char *function() const {
    return E ? wasm2native_error_function(E) : "";
  }
  int exitCode() const { return E ? wasm2native_error_exit_code(E) : -1; }
  wasm2native_error *release() {
    wasm2native_error *R = E;
    E = nullptr;
    return R;
  }

private:
  wasm2native_error *E = nullptr;
};

/// A value or an error.
template <typename T> class Result {
public:
  Result(T Value) : Value(std::move(Value)) {}
  Result(Error E) : Err(std::move(E)) {}
  explicit operator bool() const { return Value.has_value(); }
  T &operator*() { return *Value; }
  T *operator->() { return &*Value; }
  const Error &error() const { return Err; }
  Error takeError() { return std::move(Err); }

private:
  std::optional<T> Value;
  Error Err;
};

/// Result<void>: just the error.
template <> class Result<void> {
public:
  Result() = default;
  Result(Error E) : Err(std::move(E)) {}
  explicit operator bool() const { return !Err; }
  const Error &error() const { return Err; }
  Error takeError() { return std::move(Err); }

private:
  Error Err;
};

namespace detail {
inline wasm2native_val val(uint8_t K) {
  wasm2native_val V = {};
  V.kind = K;
  return V;
}
template <typename T> struct Kind;
template <> struct Kind<int32_t> {
  static constexpr uint8_t Value = WASM2NATIVE_I32;
  static int32_t get(const wasm2native_val &V) { return V.of.i32; }
  static wasm2native_val make(int32_t X) {
    wasm2native_val V = val(WASM2NATIVE_I32);
    V.of.i32 = int32_t(X);
    return V;
  }
};
template <> struct Kind<uint32_t> {
  static constexpr uint8_t Value = WASM2NATIVE_I32;
  static uint32_t get(const wasm2native_val &V) { return uint32_t(V.of.i32); }
  static wasm2native_val make(uint32_t X) {
    wasm2native_val V = val(WASM2NATIVE_I32);
    V.of.i32 = int32_t(X);
    return V;
  }
};
template <> struct Kind<int64_t> {
  static constexpr uint8_t Value = WASM2NATIVE_I64;
  static int64_t get(const wasm2native_val &V) { return V.of.i64; }
  static wasm2native_val make(int64_t X) {
    wasm2native_val V = val(WASM2NATIVE_I64);
    V.of.i64 = int64_t(X);
    return V;
  }
};
template <> struct Kind<uint64_t> {
  static constexpr uint8_t Value = WASM2NATIVE_I64;
  static uint64_t get(const wasm2native_val &V) { return uint64_t(V.of.i64); }
  static wasm2native_val make(uint64_t X) {
    wasm2native_val V = val(WASM2NATIVE_I64);
    V.of.i64 = int64_t(X);
    return V;
  }
};
template <> struct Kind<float> {
  static constexpr uint8_t Value = WASM2NATIVE_F32;
  static float get(const wasm2native_val &V) { return V.of.f32; }
  static wasm2native_val make(float X) {
    wasm2native_val V = val(WASM2NATIVE_F32);
    V.of.f32 = float(X);
    return V;
  }
};
template <> struct Kind<double> {
  static constexpr uint8_t Value = WASM2NATIVE_F64;
  static double get(const wasm2native_val &V) { return V.of.f64; }
  static wasm2native_val make(double X) {
    wasm2native_val V = val(WASM2NATIVE_F64);
    V.of.f64 = double(X);
    return V;
  }
};

template <typename T> struct Signature;
template <typename C, typename R, typename... A>
struct Signature<R (C::*)(A...) const> {
  using Ret = R;
  using Args = std::tuple<A...>;
};
template <typename C, typename R, typename... A>
struct Signature<R (C::*)(A...)> {
  using Ret = R;
  using Args = std::tuple<A...>;
};
} // namespace detail

/// A non-owning view of an instance: memory access and calls.
class InstanceRef {
public:
  explicit InstanceRef(wasm2native_instance *I) : I(I) {}
  wasm2native_instance *get() const { return I; }

  /// The linear memory's base and size (null and 0 if there is none).
  uint8_t *memory(size_t *Size = nullptr) const {
    return wasm2native_instance_memory(I, Size);
  }
  size_t memorySize() const {
    size_t S = 0;
    wasm2native_instance_memory(I, &S);
    return S;
  }
  /// Bounds-checked copies; an empty Error on success.
  Error read(uint64_t Offset, void *Dst, size_t Len) const {
    return Error(wasm2native_instance_memory_read(I, Offset, Dst, Len));
  }
  Error write(uint64_t Offset, const void *Src, size_t Len) {
    return Error(wasm2native_instance_memory_write(I, Offset, Src, Len));
  }

  /// Calls export Name with typed arguments; R is void or the type of its
  /// single result.
  template <typename R = void, typename... A>
  Result<R> call(const char *Name, A... Args) {
    wasm2native_val In[sizeof...(A) + 1] = {detail::Kind<A>::make(Args)...};
    if constexpr (std::is_void_v<R>) {
      Error E(wasm2native_instance_call(I, Name, In, sizeof...(A), nullptr, 0));
      if (E)
        return Result<void>(std::move(E));
      return Result<void>();
    } else {
      wasm2native_val Out;
      Error E(wasm2native_instance_call(I, Name, In, sizeof...(A), &Out, 1));
      if (E)
        return Result<R>(std::move(E));
      return Result<R>(detail::Kind<R>::get(Out));
    }
  }

  /// Fuel (modules compiled with --fuel; otherwise a usage Error).
  Error setFuel(int64_t Fuel) {
    return Error(wasm2native_instance_set_fuel(I, Fuel));
  }
  Error addFuel(int64_t Fuel) {
    return Error(wasm2native_instance_add_fuel(I, Fuel));
  }
  /// The remaining fuel, -1 if the module has no fuel metering.
  int64_t fuel() const {
    int64_t F = -1;
    Error E(wasm2native_instance_get_fuel(I, &F));
    return F;
  }
  /// Epochs (modules compiled with --epoch). incrementEpoch may be called
  /// from any thread.
  void incrementEpoch() { wasm2native_instance_increment_epoch(I); }
  Error setEpochDeadline(uint64_t Ticks) {
    return Error(wasm2native_instance_set_epoch_deadline(I, Ticks));
  }
  void setEpochCallback(wasm2native_epoch_fn Fn, void *Env) {
    wasm2native_instance_set_epoch_callback(I, Fn, Env);
  }

protected:
  wasm2native_instance *I;
};

/// What a host function sees of its caller.
class Caller : public InstanceRef {
public:
  using InstanceRef::InstanceRef;
  /// Makes the calling wasm code trap when the host function returns.
  void trap(std::string Message) { Pending = std::move(Message); }

private:
  template <typename F> friend struct HostThunk;
  std::optional<std::string> Pending;
};

/// An instance; deleting it frees its memory and everything else.
class Instance : public InstanceRef {
public:
  explicit Instance(wasm2native_instance *I) : InstanceRef(I) {}
  Instance(Instance &&O) noexcept : InstanceRef(O.I) { O.I = nullptr; }
  Instance &operator=(Instance &&O) noexcept {
    std::swap(I, O.I);
    return *this;
  }
  ~Instance() {
    if (I)
      wasm2native_instance_delete(I);
  }
};

class Module {
public:
  static Result<Module> load(const std::string &Path) {
    wasm2native_module *M;
    if (wasm2native_error *E = wasm2native_module_load(Path.c_str(), &M))
      return Result<Module>(Error(E));
    return Result<Module>(Module(M));
  }
  wasm2native_module *get() const { return M.get(); }

private:
  struct Deleter {
    void operator()(wasm2native_module *M) const {
      wasm2native_module_delete(M);
    }
  };
  explicit Module(wasm2native_module *M) : M(M) {}
  std::unique_ptr<wasm2native_module, Deleter> M;
};

/// The C callback for a typed callable F.
template <typename F> struct HostThunk {
  using Sig = detail::Signature<decltype(&F::operator())>;
  using R = typename Sig::Ret;
  using Args = typename Sig::Args;
  static constexpr bool TakesCaller =
      std::tuple_size_v<Args> > 0 &&
      std::is_same_v<std::tuple_element_t<0, Args>, Caller &>;
  static constexpr size_t First = TakesCaller ? 1 : 0;
  static constexpr size_t NumParams = std::tuple_size_v<Args> - First;

  template <size_t... K>
  static void params(uint8_t *Out, std::index_sequence<K...>) {
    ((Out[K] = detail::Kind<
          std::decay_t<std::tuple_element_t<K + First, Args>>>::Value),
     ...);
  }

  template <size_t... K>
  static R invoke(F &Fn, Caller &C, const wasm2native_val *In,
                  std::index_sequence<K...>) {
    if constexpr (TakesCaller)
      return Fn(
          C, detail::Kind<std::decay_t<std::tuple_element_t<K + 1, Args>>>::get(
                 In[K])...);
    else
      return Fn(detail::Kind<std::decay_t<std::tuple_element_t<K, Args>>>::get(
          In[K])...);
  }

  static wasm2native_error *call(void *Env, wasm2native_instance *I,
                                 const wasm2native_val *In,
                                 wasm2native_val *Out) {
    Caller C(I);
    auto Seq = std::make_index_sequence<NumParams>();
    if constexpr (std::is_void_v<R>)
      invoke(*static_cast<F *>(Env), C, In, Seq);
    else
      Out[0] =
          detail::Kind<R>::make(invoke(*static_cast<F *>(Env), C, In, Seq));
    if (C.Pending)
      return wasm2native_trap_new(C.Pending->c_str());
    return nullptr;
  }
};

class Linker {
public:
  Linker() : L(wasm2native_linker_new()) {}
  wasm2native_linker *get() const { return L.get(); }

  /// Defines import (Module, Name) as the callable Fn, typed by its
  /// signature.
  template <typename F> Error func(const char *Module, const char *Name, F Fn) {
    using T = HostThunk<F>;
    uint8_t Params[T::NumParams + 1] = {};
    T::params(Params, std::make_index_sequence<T::NumParams>());
    uint8_t Results[1] = {};
    size_t NumResults = 0;
    if constexpr (!std::is_void_v<typename T::R>) {
      Results[0] = detail::Kind<typename T::R>::Value;
      NumResults = 1;
    }
    F *Env = new F(std::move(Fn));
    wasm2native_error *E = wasm2native_linker_define_func(
        L.get(), Module, Name, Params, T::NumParams, Results, NumResults,
        &T::call, Env, [](void *P) { delete static_cast<F *>(P); });
    if (E)
      delete Env;
    return Error(E);
  }

  template <typename T>
  Error global(const char *Module, const char *Name, T Value,
               bool Mutable = false) {
    return Error(wasm2native_linker_define_global(
        L.get(), Module, Name, detail::Kind<T>::make(Value), Mutable));
  }

  /// WASI for every instance (see wasm2native.h).
  Linker &enableWasi() {
    wasm2native_linker_enable_wasi(L.get());
    return *this;
  }
  Linker &wasiArg(const char *Arg) {
    wasm2native_linker_wasi_arg(L.get(), Arg);
    return *this;
  }
  Linker &wasiEnv(const char *Var) {
    wasm2native_linker_wasi_env(L.get(), Var);
    return *this;
  }
  Linker &wasiPreopen(const char *Host, const char *Guest,
                      bool ReadOnly = false) {
    wasm2native_linker_wasi_preopen(L.get(), Host, Guest, ReadOnly);
    return *this;
  }

  Result<Instance> instantiate(const Module &M,
                               const wasm2native_limits *Limits = nullptr) {
    wasm2native_instance *I;
    if (wasm2native_error *E =
            wasm2native_instantiate(L.get(), M.get(), Limits, &I))
      return Result<Instance>(Error(E));
    return Result<Instance>(Instance(I));
  }

private:
  struct Deleter {
    void operator()(wasm2native_linker *L) const {
      wasm2native_linker_delete(L);
    }
  };
  std::unique_ptr<wasm2native_linker, Deleter> L;
};

/// The cap on live instances per process (0: none).
inline void setMaxInstances(uint64_t Max) {
  wasm2native_set_max_instances(Max);
}

/// The default limits (see wasm2native_limits_init).
inline wasm2native_limits defaultLimits() {
  wasm2native_limits L;
  wasm2native_limits_init(&L);
  return L;
}

} // namespace wasm2native

#endif // WASM2NATIVE_WASM2NATIVE_HPP
