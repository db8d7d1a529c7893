"""Property-based fuzzing (Hypothesis): hostile input to every form and every URL pattern
with a converter, as a visitor, a member and a moderator.

``FUZZ_EXAMPLES`` (environment, default 15) sets the number of examples per form and per
URL pattern; ``FUZZ_EXAMPLES=500 make test`` makes a longer run. Examples are derandomised,
so a run in CI always tries the same inputs.
"""

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "15")),
    deadline=None,
    derandomize=True,
    database=None,  # nothing written to .hypothesis/ in the checkout
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
    print_blob=True,
    # No "explain" phase: it traces every line of the request, which takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    report_multiple_bugs=False,
)

FUZZ = settings.get_profile("fuzz")
