//! The `attune` command line: parses arguments, calls the library, prints diagnostics and
//! picks the exit code (0 ok, 1 content errors, 2 usage).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use attune::diagnostics::{Located, Severity, summary_line};
use attune::error::Error;
use attune::{BuildOptions, export, scaffold};

#[derive(Parser)]
#[command(
    name = "attune",
    version,
    about = "Build a searchable learning site from Markdown.",
    propagate_version = true,
    after_help = "Examples:\n  attune init my-site && cd my-site\n  attune serve                 # live preview at http://127.0.0.1:1111/\n  attune check                 # every problem, with file:line:col\n  attune build --base-url https://clinic.example/handbook/\n  attune export epub new-to-therapy --out new-to-therapy.epub\n  attune export cc new-to-therapy --links"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/.
    #[command(
        after_help = "Example:\n  attune build --root my-site --base-url https://clinic.example/handbook/"
    )]
    Build {
        /// The site folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: <root>/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Published URL, for canonical links, the feed and the sitemap.
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked draft.
        #[arg(long)]
        drafts: bool,
        /// Make links end in index.html so the site works opened from disk (file://).
        #[arg(long)]
        offline: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every save.
    #[command(after_help = "Example:\n  attune serve --port 8080 --open")]
    Serve {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port (the next free one is used if taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate the content and run the authoring lints without writing the site.
    #[command(after_help = "Example:\n  attune check --format json --deny-warnings")]
    Check {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// List every article's readability instead (English: Flesch-Kincaid, SMOG, Coleman-Liau;
        /// Spanish: INFLESZ and Fernández-Huerta).
        #[arg(long)]
        readability: bool,
    },
    /// Create an article, glossary term, reading path or page with valid front matter.
    #[command(
        after_help = "Examples:\n  attune new article active-listening --title \"Active listening\" --section components\n  attune new term rapport\n  attune new path first-week --audience clients\n  attune new page privacy\n\nReplace the TODO placeholders it writes; `attune check` warns until you do."
    )]
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: Kind,
        /// The slug (file name without .md).
        slug: String,
        /// Title (the term itself, for a glossary entry).
        #[arg(long)]
        title: Option<String>,
        /// Audience id from site.yaml (articles and paths).
        #[arg(long)]
        audience: Option<String>,
        /// Section: the folder under articles/ (articles only).
        #[arg(long)]
        section: Option<String>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Export a reading path as an EPUB book or an IMS Common Cartridge for an LMS.
    #[command(
        after_help = "Examples:\n  attune export epub new-to-therapy --out new-to-therapy.epub\n  attune export cc new-to-therapy --links"
    )]
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Convert notes from another tool into a new site (the notes are only read).
    #[command(
        after_help = "Example:\n  attune import obsidian ~/Notes clinic-site\n\nNotes become articles in sections named after their folders; attachments go under\ncontent/static/; wiki links, embeds and callouts stay as written. What cannot be converted\n(Dataview queries, links to notes outside the vault) is listed with its file and line.\nEach summary taken from a first paragraph is marked: `attune check` lists them to review."
    )]
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Keep translations in step with their originals: list their state, or mark them current.
    #[command(
        after_help = "Examples:\n  attune translate status\n  attune translate mark content/pages/about.es.md\n  attune translate mark --all\n\nA translation (`about.es.md` beside `about.md`) records the version of its original it was\nmade from; `attune check` warns `translation-stale`, naming the changed sections, when the\noriginal changes later."
    )]
    Translate {
        #[command(subcommand)]
        what: TranslateCommand,
    },
    /// Create a new site's content: a small starter or the bundled handbook (no templates).
    #[command(after_help = "Example:\n  attune init clinic-site --from handbook")]
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
        /// What to start from.
        #[arg(long, value_enum, default_value_t = From::Starter)]
        from: From,
    },
    /// Copy default templates or theme files into the site to override them.
    #[command(
        after_help = "Examples:\n  attune eject --list\n  attune eject article.html style.css\n\nEach copy is stamped with the attune version; `attune check` says when attune's default\nchanges. To add CSS without ejecting, write theme/extra.css."
    )]
    Eject {
        /// Default file names (`article.html`, `style.css`, or `templates/base.html`).
        #[arg(required_unless_present = "list")]
        names: Vec<String>,
        /// List the default templates and theme files instead.
        #[arg(long)]
        list: bool,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// An Obsidian vault, converted once into an attune site in DIR.
    Obsidian {
        /// The vault folder (never changed).
        vault: PathBuf,
        /// The folder for the new site (must have no `content/` yet).
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum TranslateCommand {
    /// Every translation with its state (fresh, not marked, or stale with the sections that
    /// changed), then the articles a language requires that have no translation.
    #[command(after_help = "Example:\n  attune translate status --root my-site")]
    Status {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Record in each translation the version of its original it now matches (run it after
    /// checking or updating the translation).
    #[command(
        after_help = "Examples:\n  attune translate mark content/articles/components/empathy.es.md\n  attune translate mark --all"
    )]
    Mark {
        /// Translation files (`name.<code>.md`).
        #[arg(required_unless_present = "all")]
        files: Vec<PathBuf>,
        /// Every translation of the site.
        #[arg(long, conflicts_with = "files")]
        all: bool,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// A reading path as an EPUB 3 book: its articles in order, navigation, images with alt
    /// text, a glossary appendix and the references.
    #[command(
        after_help = "Example:\n  attune export epub new-to-therapy --out new-to-therapy.epub"
    )]
    Epub {
        /// The path's slug (its file name under content/paths/, without .md).
        path: String,
        /// The file to write [default: <PATH>.epub].
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A reading path as an IMS Common Cartridge 1.3 (.imscc): one module, one item per step.
    #[command(
        after_help = "Examples:\n  attune export cc new-to-therapy\n  attune export cc new-to-therapy --links --out new-to-therapy-links.imscc"
    )]
    Cc {
        /// The path's slug (its file name under content/paths/, without .md).
        path: String,
        /// The file to write [default: <PATH>.imscc].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Web links to the published site (needs base_url in site.yaml) instead of the pages.
        #[arg(long)]
        links: bool,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Article,
    Term,
    Path,
    Page,
}

impl std::convert::From<Kind> for scaffold::NewKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Article => scaffold::NewKind::Article,
            Kind::Term => scaffold::NewKind::Term,
            Kind::Path => scaffold::NewKind::Path,
            Kind::Page => scaffold::NewKind::Page,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum From {
    Starter,
    Handbook,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            if let Error::Content { diagnostics } = &error {
                print_diagnostics(diagnostics);
            }
            let colour = use_colour();
            let label = if colour { "\x1b[1;31merror\x1b[0m" } else { "error" };
            eprintln!("{label}: {error:#}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// `attune translate status|mark`.
fn run_translate(what: TranslateCommand) -> Result<ExitCode, Error> {
    match what {
        TranslateCommand::Status { root } => {
            print!("{}", attune::translation_status(&BuildOptions::new(&root))?);
        }
        TranslateCommand::Mark { files, all: _, root } => {
            let marked = attune::mark_translations(&BuildOptions::new(&root), &files)?;
            for file in &marked {
                println!("marked {}", file.display());
            }
            println!("{} marked", attune::summary::plural(marked.len(), "translation"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Build { root, out, base_url, drafts, offline } => {
            let mut options = BuildOptions::new(&root);
            if let Some(out) = out {
                options.out = out;
            }
            options.base_url = base_url;
            options.drafts = drafts;
            options.offline = offline;
            let progress = attune::progress::Progress::start("building");
            let report = attune::build(&options);
            progress.finish();
            let report = report?;
            print_diagnostics(&report.warnings);
            if std::env::var_os("ATTUNE_TIMINGS").is_some() {
                eprintln!("{}", report.timings.line());
            }
            println!("{}", report.summary(&options.out));
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { root, port, open, drafts } => {
            let mut options = BuildOptions::new(&root);
            options.drafts = drafts;
            attune::serve::serve(options, port, open)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { root, format, deny_warnings, readability } => {
            let options = BuildOptions::new(&root);
            if readability {
                print!("{}", attune::readability_report(&options)?);
                return Ok(ExitCode::SUCCESS);
            }
            let report = attune::check(&options)?;
            match format {
                Format::Json => println!("{}", report.json()),
                Format::Text => {
                    print_diagnostics(&report.diagnostics);
                    println!("{}", summary_line(report.errors(), report.warnings(), report.files));
                }
            }
            let failed = report.errors() > 0 || (deny_warnings && report.warnings() > 0);
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::New { kind, slug, title, audience, section, root } => {
            let analysis = attune::analyse(&BuildOptions::new(&root))?;
            let new = scaffold::NewFile { kind: kind.into(), slug, title, audience, section };
            let path = scaffold::new_file(&root, &analysis.site, &new)?;
            println!("created {}", path.display());
            println!("next: replace its TODO placeholders, then run `attune check`");
            Ok(ExitCode::SUCCESS)
        }
        Command::Eject { names, list, root } => {
            if list {
                print!("{}", attune::render::overrides::list(&root));
                return Ok(ExitCode::SUCCESS);
            }
            for path in attune::render::overrides::eject(&root, &names)? {
                println!("ejected {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { what } => run_export(what),
        Command::Import { what: ImportCommand::Obsidian { vault, dir } } => {
            run_import_obsidian(&vault, &dir)
        }
        Command::Translate { what } => run_translate(what),
        Command::Init { dir, from } => {
            let from = match from {
                From::Starter => scaffold::Starter::Starter,
                From::Handbook => scaffold::Starter::Handbook,
            };
            let written = scaffold::init_site(&dir, from)?;
            println!("created a site with {} files in {}", written.len(), dir.display());
            println!("next: cd {} && attune serve", dir.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `attune import obsidian`: converts the vault and lists what it could not convert.
fn run_import_obsidian(vault: &Path, dir: &Path) -> Result<ExitCode, Error> {
    let report = scaffold::import_obsidian(vault, dir)?;
    for problem in &report.problems {
        let file = vault.join(&problem.file);
        eprintln!("{}:{}: {}", file.display(), problem.line, problem.message);
    }
    println!(
        "imported {} notes and {} attachments into {} ({} to review above)",
        report.notes,
        report.attachments,
        dir.display(),
        report.problems.len()
    );
    println!("next: cd {} && attune check", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// `attune export epub|cc`: writes the archive and says what it holds.
fn run_export(what: ExportCommand) -> Result<ExitCode, Error> {
    let exported = match what {
        ExportCommand::Epub { path, out, root } => {
            export::export_epub(&export::ExportOptions { root, path, out })?
        }
        ExportCommand::Cc { path, out, links, root } => {
            export::export_cartridge(&export::ExportOptions { root, path, out }, links)?
        }
    };
    println!("{}", exported.summary());
    Ok(ExitCode::SUCCESS)
}

fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn print_diagnostics(diagnostics: &[Located]) {
    let colour = use_colour();
    let mut stderr = std::io::stderr().lock();
    for d in diagnostics {
        let text = if colour { colourise(&d.rendered, d.severity) } else { d.rendered.clone() };
        let _ = writeln!(stderr, "{text}");
    }
}

fn colourise(text: &str, severity: Severity) -> String {
    let tint = match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
    };
    match text.split_once('\n') {
        Some((head, rest)) => match head.split_once(':') {
            Some((label, message)) => {
                format!("{tint}{label}\x1b[0m\x1b[1m:{message}\x1b[0m\n{rest}")
            }
            None => text.to_string(),
        },
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

/// mimalloc: the build allocates many short strings on every thread, and glibc's allocator
/// spends a sixth of a large build in malloc and free.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
