//! The bundled example alliance (`agendas/gcra`), compiled into the
//! library: what `plenary init --example` writes, so an installed binary
//! has it, and what the fuzz targets read agendas and journals against.

/// The example's `charter.toml`.
pub const CHARTER: &str = include_str!("../agendas/gcra/charter.toml");

/// The example's agendas, by file name.
pub const AGENDAS: [(&str, &str); 4] = [
    (
        "2027-03-steering.toml",
        include_str!("../agendas/gcra/2027-03-steering.toml"),
    ),
    (
        "2027-05-steering-seed-grants.toml",
        include_str!("../agendas/gcra/2027-05-steering-seed-grants.toml"),
    ),
    (
        "2027-06-general-assembly.toml",
        include_str!("../agendas/gcra/2027-06-general-assembly.toml"),
    ),
    (
        "2027-09-steering.toml",
        include_str!("../agendas/gcra/2027-09-steering.toml"),
    ),
];
