"""Moving in from another service: archive readers (one module per service) yield
`Item`s, `Album`s and `Link`s (rights.movein.items), and one shared step
(rights.services.movein_run) turns them into photos through the normal upload pipeline,
under the import machinery of rights.services.imports (lease, progress, resume)."""
