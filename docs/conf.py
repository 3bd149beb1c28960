"""Sphinx configuration for the insomnia-factors documentation.

Build the site and run every example in it (both must pass with ``-W`` and no network):

    sphinx-build -W -b html docs docs/_build/html
    sphinx-build -W -b doctest docs docs/_build/doctest
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from insomnia_factors import __version__  # noqa: E402

project = "insomnia-factors"
author = "insomnia-factors maintainers"
copyright = "insomnia-factors maintainers"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "catalog_pages",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_inventories"]
nitpicky = True
# Table types in the signatures of insomnia_factors.columnar belong to optional extras
# whose inventories are not shipped (pandas, pyarrow, Dask): shown as written, unlinked.
nitpick_ignore = [
    ("py:class", "pd.DataFrame"),
    ("py:class", "pa.Table"),
    ("py:class", "dd.DataFrame"),
]

# -- MyST ------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon --------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Attributes listed in a class docstring become fields of that class's description
# rather than separate entries that would repeat the attrs fields.
napoleon_use_ivar = True

# -- doctest ---------------------------------------------------------------------------
# The pages import what they use, so that plain ``pytest --doctest-glob='*.md'`` runs
# them too; the docstring examples shown by autodoc run in their module's namespace
# under pytest, and get the public names here.
doctest_global_setup = """
from insomnia_factors import *
from insomnia_factors.questionnaires import *
"""

# -- intersphinx -----------------------------------------------------------------------
# The builds must pass offline (CI has no network), and intersphinx would otherwise try
# to download each project's objects.inv and fail the -W build when it cannot.  So the
# inventories ship in _inventories/, taken unchanged from Debian 12's documentation
# packages (python3.11-doc 3.11.2, python-attr-doc 22.2.0, python-pint-doc 0.19.2,
# python-hypothesis-doc 6.67.1).  Each shipped inventory is paired with the documentation
# of the *same version*, because the projects have moved pages since (pint's API pages,
# Hypothesis's reference), and an old inventory under a "stable" URL would link to pages
# that no longer exist.  Offline builds therefore link to those versions' pages.
#
# On Read the Docs (which sets READTHEDOCS=True), or with
# INSOMNIA_FACTORS_DOCS_INVENTORIES=remote, the current inventories are downloaded
# instead and the links go to each project's current documentation.
_INVENTORIES = {
    # name: (current docs, docs matching the shipped inventory, shipped inventory)
    "python": (
        "https://docs.python.org/3/",
        "https://docs.python.org/3.11/",
        "python-3.11.inv",
    ),
    "attrs": (
        "https://www.attrs.org/en/stable/",
        "https://www.attrs.org/en/22.2.0/",
        "attrs-22.2.0.inv",
    ),
    "pint": (
        "https://pint.readthedocs.io/en/stable/",
        "https://pint.readthedocs.io/en/0.19.2/",
        "pint-0.19.2.inv",
    ),
    "hypothesis": (
        "https://hypothesis.readthedocs.io/en/latest/",
        "https://hypothesis.readthedocs.io/en/hypothesis-python-6.67.1/",
        "hypothesis-6.67.1.inv",
    ),
}
_REMOTE = (
    os.environ.get("READTHEDOCS") == "True"
    or os.environ.get("INSOMNIA_FACTORS_DOCS_INVENTORIES") == "remote"
)
intersphinx_mapping = {
    name: (current, None) if _REMOTE else (pinned, str(HERE / "_inventories" / shipped))
    for name, (current, pinned, shipped) in _INVENTORIES.items()
}
intersphinx_timeout = 10

# -- HTML ------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"insomnia-factors {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_show_sourcelink = False

# sphinx-copybutton: copy examples without their prompts or output.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
