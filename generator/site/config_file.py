"""What a registry's mkdocs.yml may ask of a build, checked before MkDocs reads it.

mkdocs.yml sits in the repository, so a pull request can change it, and MkDocs reads it
with a loader that builds Python objects: `!!python/object/apply:os.system [...]` would run
while the file is read, before any plugin sees it. `hooks:` run Python files of the
repository, a snippet may pull /etc/passwd into a page, and a stylesheet or script from
another host would reach every reader. So the file is read here first, with a loader that
knows only MkDocs' own tags, and a build stops with the place of each such setting.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..problems import Problem
from .cache_folder import cache_problems, project_folder
from .config_bounds import MAX_DEPTH, MAX_VALUES, deepest, unreadable, vast
from .config_extensions import CODE_HOOKS, CODE_PATH, as_list, extension_problems, hidden, outside
from .plugin_folders import folder_problem
from .serve_guard import exposed

CODE_TAG, CODE_REMOTE, CODE_FILE, CODE_FOLDER = "config-tag", "config-remote", "config-file", "config-folder"
MAX_BYTES = 1_000_000
MAX_INHERIT = 5
# Names a Markdown extension's settings may refer to: installed libraries' functions, never the repository's.
NAMES = ("material.", "pymdownx.", "markdown.")
ENV_PREFIX = "DISCLOSE_"   # the only environment variables mkdocs.yml may read
# What a registry's build runs: the disclose plugin, and the theme's own that read no file of their own
# choosing (material/projects loads further mkdocs.yml files, past this check; others fetch or run code).
PLUGINS = ("disclose", "search", "material/search", "tags", "material/tags")
# The scripts every page runs, the package's own: a script of the repository's would run for every reader.
SCRIPTS = ("assets/disclose.js", "assets/search.js")
_REMOTE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)


class _Loader(yaml.SafeLoader):
    root = Path(".")   # the folder of the mkdocs.yml being read: `!relative $config_dir` means it


def _scalar(loader: _Loader, node: yaml.Node) -> object:
    """A plain scalar of a MkDocs tag; anything else inside one (a tag, a list) is refused where it stands."""
    if not isinstance(node, yaml.ScalarNode) or node.tag.startswith("tag:yaml.org,2002:python/") or (
            node.tag.startswith("!")):
        raise yaml.constructor.ConstructorError(None, None, "only plain names and values may stand inside !ENV "
                                                "and !relative", node.start_mark)
    return loader.construct_object(node)


def _plain(loader: _Loader, node: yaml.Node) -> str:
    """The text of a tag written on a scalar (`!ENV NAME`, `!relative $config_dir`)."""
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(None, None, "only a plain name or path may follow this tag",
                                                node.start_mark)
    return str(loader.construct_scalar(node))


class _FromEnv(str):
    """A value the build's environment gave, not the file: the maintainer's own (`disclose build --source`)."""


def _env(loader: _Loader, node: yaml.Node) -> object:
    """The value MkDocs will use: the first variable set, else the default (checked like any value)."""
    items = [_scalar(loader, n) for n in node.value] if isinstance(node, yaml.SequenceNode) else [
        _plain(loader, node)]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    # A build's environment holds CI's tokens and a maintainer's keys: `site_name: !ENV AWS_SECRET_ACCESS_KEY`
    # would publish one, and `docs_dir: !ENV GITHUB_TOKEN` print it in the log's error.
    if foreign := [str(n) for n in names if not str(n).startswith(ENV_PREFIX)]:
        raise yaml.constructor.ConstructorError(
            None, None, f"!ENV may read only variables named {ENV_PREFIX}… (such as DISCLOSE_SOURCE), not "
                        f"{foreign[0]}: the build's environment holds tokens and keys that a page or an error "
                        f"message would show; set {ENV_PREFIX}{foreign[0]} where the build runs instead",
            node.start_mark)
    return next((_FromEnv(os.environ[str(n)]) for n in names if str(n) in os.environ), default)


def _relative(loader: _Loader, node: yaml.Node) -> str:
    """The path MkDocs will use: `$config_dir/…` and `$docs_dir/…` from mkdocs.yml's folder; a bare
    `!relative` is the page's own folder, inside docs/."""
    text = str(_plain(loader, node) or "")
    for prefix, folder in (("$config_dir", loader.root), ("$docs_dir", loader.root / "docs")):
        if text.startswith(prefix):
            return str(folder) + text[len(prefix):]
    return str(loader.root / "docs" / text)


def _python_name(loader: _Loader, suffix: str, node: yaml.Node) -> str:
    if not suffix.startswith(NAMES):
        raise yaml.constructor.ConstructorError(
            None, None, f"the tag !!python/name:{suffix} would import code named in this file; only the names of "
                        f"installed libraries ({', '.join(n + '…' for n in NAMES)}) may be given", node.start_mark)
    return ""


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def config_problems(config_file: Path, project: Path | None = None) -> list[Problem]:
    """Why `config_file` may not configure a build of `project` (its folder by default); [] when it may."""
    project = (project or config_file.parent).resolve()
    return _file_problems(config_file, project, config_file.parent, depth=0)


def setup_problems(config_file: Path, cache_dir: Path) -> list[Problem]:
    """What is wrong with a build's configuration and its cache folder, as the plugin sees them."""
    project = project_folder(config_file.parent)
    # The built-in configuration is `disclose build`'s own, written in a scratch folder, not the project's file.
    builtin = project.resolve() != config_file.parent.resolve()
    return (config_problems(config_file, project) if not builtin else []) + cache_problems(cache_dir, project)


def _file_problems(path: Path, project: Path, root: Path, depth: int) -> list[Problem]:
    """`root`: the main mkdocs.yml's folder, which an inherited file's paths are taken from, as MkDocs does."""
    if path.is_symlink() or not path.is_file():
        return [Problem(str(path), 1, 1, "error", CODE_FILE, f"{path} must be a file of the project, "
                                                            "not a link or anything else")]
    if path.stat().st_size > MAX_BYTES:
        return [Problem(str(path), 1, 1, "error", CODE_FILE,
                        f"{path} is over {MAX_BYTES:,} bytes: not a configuration")]
    text = path.read_bytes()
    try:
        loader = _Loader(text)   # reads the first characters already
    except yaml.reader.ReaderError as e:
        return [unreadable(path, text, e, CODE_FILE)]
    loader.root = root.absolute()
    try:
        node = loader.get_single_node()
        if node is not None and (big := vast(node)) is not None:
            return [Problem(str(path), big.start_mark.line + 1, big.start_mark.column + 1, "error", CODE_FILE,
                            f"with the aliases (*name) in it, this value stands for more than {MAX_VALUES:,} values; "
                            "MkDocs writes all of them out as it reads mkdocs.yml, and the build never ends. "
                            "Write the values out, or use fewer aliases")]
        data = loader.construct_document(node) if node is not None else {}
    except yaml.reader.ReaderError as e:
        return [unreadable(path, text, e, CODE_FILE)]
    except RecursionError:   # PyYAML composes nested lists and mappings by recursion
        return [Problem(str(path), *deepest(text), "error", CODE_FILE, "lists and mappings are nested more than "
                        f"{MAX_DEPTH} levels deep here; a configuration needs far fewer: check the brackets")]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        code = CODE_TAG if isinstance(e, yaml.constructor.ConstructorError) else CODE_FILE
        message = e.problem or "cannot be read"
        if code == CODE_TAG and "could not determine a constructor" in message:
            tag = message.split("for the tag ")[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
            message = (f"{tag} is not a tag mkdocs.yml may use: such a tag builds "
                       "Python objects, and runs code, while the file is read (only !ENV and !relative are read)")
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [Problem(str(path), line, column, "error", code, message)]
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return []   # MkDocs names what is wrong with it
    found = [Problem(str(path), *_at(node, key), "error", code, message) for key, code, message in _settings(
        data, root, project)]
    parent = data.get("INHERIT")
    if parent is None:
        return found
    if outside(str(parent), path.parent, project):
        found.append(Problem(str(path), *_at(node, ("INHERIT",)), "error", CODE_PATH,
                             f"INHERIT names {parent}, outside the project ({project})"))
    elif depth >= MAX_INHERIT:
        found.append(Problem(str(path), *_at(node, ("INHERIT",)), "error", CODE_PATH,
                             f"INHERIT goes more than {MAX_INHERIT} files deep; join the settings in fewer files"))
    else:
        found += _file_problems(path.parent / str(parent), project, root, depth + 1)
    return found


def _settings(data: dict, here: Path, project: Path) -> list[tuple[tuple[str, ...], str, str]]:
    """Each setting that may not be used, as (its keys, problem code, message)."""
    out = []
    if data.get("hooks"):
        out.append((("hooks",), CODE_HOOKS, "hooks run Python files of the repository in every build; a "
                                            "registry builds without them (remove hooks:, or install the code as a "
                                            "plugin)"))
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {"name": data.get("theme")}
    if theme.get("name") not in (None, "material"):
        out.append((("theme",), CODE_HOOKS, f"the theme is {theme.get('name')}; the site is built with material, "
                                            "whose pages carry the policy that keeps readers safe"))
    plugins = _plugins(data.get("plugins"))
    for name, _ in plugins:
        if name not in PLUGINS:
            out.append((("plugins",), CODE_HOOKS, f"the plugin {name} is not one a registry's build runs "
                                                  f"({', '.join(PLUGINS)}): plugins run code and read files"))
    # `watch:` too: `watch: [/]` had `disclose serve` set a watch on every folder of the machine, never serving.
    # And the plugin's folders: `watchlists: ../../` would list another project's names on the site's pages.
    ours = next((options for name, options in plugins if name == "disclose" and isinstance(options, dict)), {})
    folders = {key: ours.get(key) for key in PLUGIN_FOLDERS if not isinstance(ours.get(key), _FromEnv)}
    for keys, value in ((("docs_dir",), data.get("docs_dir")), (("site_dir",), data.get("site_dir")),
                        (("theme", "custom_dir"), theme.get("custom_dir")),
                        *((("watch",), path) for path in as_list(data.get("watch"))),
                        *((("plugins", "disclose", key), value) for key, value in folders.items())):
        if outside(value, here, project):
            out.append((keys, CODE_PATH, f"{keys[-1]} is {value}, outside the project ({project}): a build "
                                         "reads and writes only the project's own files"))
        elif keys[0] in ("docs_dir", "theme") and hidden(value, here, project):
            out.append((keys, CODE_PATH, f"{keys[-1]} is {value}, a hidden folder: MkDocs would publish every file "
                                         "in it, and .git holds the repository's settings, with the credentials "
                                         "of its remotes and of CI's checkout"))
        elif keys[0] == "plugins" and (why := folder_problem(keys[-1], value, here)):
            out.append((keys, CODE_FOLDER, why))
    for key in PLUGIN_FOLDERS:   # `DISCLOSE_SOURCE=… mkdocs build`: the maintainer's folder, which must be one too
        if isinstance(ours.get(key), _FromEnv) and (why := folder_problem(key, ours[key], here)):
            out.append((("plugins", "disclose", key), CODE_FOLDER, why))
    for keys, value in (*(((key,), v) for key in ("extra_css", "extra_javascript") for v in as_list(data.get(key))),
                        *((("theme", key), theme.get(key)) for key in ("logo", "favicon"))):
        path = value.get("path") if isinstance(value, dict) else value
        if isinstance(path, str) and _REMOTE.match(path):
            out.append((keys, CODE_REMOTE, f"{keys[-1]} loads {path} from another host: a page of this site "
                                           "loads nothing from elsewhere (its readers may be at risk); copy the "
                                           "file into docs/"))
    for path in (p.get("path") if isinstance(p, dict) else p for p in as_list(data.get("extra_javascript"))):
        if path not in SCRIPTS and not (isinstance(path, str) and _REMOTE.match(path)):
            out.append((("extra_javascript",), CODE_HOOKS, f"extra_javascript would run {path} on every page: "
                                                           "a registry's pages run only the scripts of the package, "
                                                           "which a pull request cannot change (remove the line)"))
    if data.get("extra_templates"):
        out.append((("extra_templates",), CODE_HOOKS, "extra_templates are Jinja templates, which reach Python and run "
                                                      "in every build; put such a file in docs/ as it is, or in the "
                                                      "theme's custom_dir"))
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    if extra.get("scope") is not None and not re.fullmatch(r"[\w./-]*", str(extra["scope"])):
        out.append((("extra", "scope"), CODE_REMOTE, "extra.scope is printed into a script of every page: only a "
                                                     "path of letters, digits, '.', '-' and '/' may be given"))
    if isinstance(data.get("dev_addr"), str) and exposed(data["dev_addr"]):
        out.append((("dev_addr",), CODE_REMOTE, f"dev_addr {data['dev_addr']} would let other machines on the network "
                                                "read `mkdocs serve`'s preview, drafts included; give the address on "
                                                "the command line when you mean it (disclose serve --dev-addr)"))
    if extra.get("analytics"):
        out.append((("extra", "analytics"), CODE_REMOTE, "analytics would have every page load a script from "
                                                         "another host and tell it who reads what"))
    return out + extension_problems(data.get("markdown_extensions"), here, project)


PLUGIN_FOLDERS = ("source", "watchlists", "profiles")   # the plugin's own paths, read at every build


def _plugins(plugins: object) -> list[tuple[object, object]]:
    """Each plugin as (name, options), whether plugins is written as a mapping or as a list."""
    if isinstance(plugins, dict):
        return list(plugins.items())
    return [next(iter(p.items()), ("", None)) if isinstance(p, dict) else (p, None) for p in as_list(plugins)]


def _at(node: yaml.MappingNode, keys: tuple[str, ...]) -> tuple[int, int]:
    """Line and column of the setting at `keys`, or of the deepest of them found."""
    mark = node.start_mark
    for key in keys:
        if isinstance(node, yaml.SequenceNode):   # a list (plugins: - disclose: …): the entry that names the key
            node = next((n for n in node.value if isinstance(n, yaml.MappingNode) and any(
                isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in n.value)), node)
        if not isinstance(node, yaml.MappingNode):
            break
        match = next((k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if match is None:
            break
        mark = match.start_mark
        node = next(v for k, v in node.value if k is match)
    return mark.line + 1, mark.column + 1
