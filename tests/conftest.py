"""Session settings for the whole suite.

Hypothesis explores new random examples on every local run (that is how the property tests find
bugs); in CI (``CI`` set, as ``.ci/run`` runs) it is derandomised, so a CI verdict is reproducible
and a submission is never refused by an unlucky draw — a failure found locally is fixed and kept
as an explicit example instead.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
