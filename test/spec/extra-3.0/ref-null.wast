;; 3.0 scripts write a null reference of any type as `(ref.null)` and name
;; bottom types (`nofunc`, `noextern`): the spec runner matches them against
;; the runtime's funcref and externref values (lib/spec-runner/SpecValues).
(module
  (func (export "f") (result funcref) (ref.null func))
  (func (export "e") (result externref) (ref.null extern))
  (func (export "id_f") (param funcref) (result funcref) (local.get 0))
  (func (export "id_e") (param externref) (result externref) (local.get 0))
)
(assert_return (invoke "f") (ref.null))
(assert_return (invoke "e") (ref.null))
(assert_return (invoke "f") (ref.null func))
(assert_return (invoke "id_f" (ref.null nofunc)) (ref.null nofunc))
(assert_return (invoke "id_e" (ref.null noextern)) (ref.null extern))
(assert_return (invoke "id_e" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "id_e" (ref.extern 7)) (ref.extern))
