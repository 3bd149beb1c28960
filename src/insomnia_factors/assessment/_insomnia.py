"""The sleep complaint itself: its pattern, its kinds and its severity.

- Pattern (ICSD-3, clinical reference §6.1, V): chronic insomnia is trouble on at least
  3 nights a week for at least 3 months *with* a daytime consequence (tiredness, poor
  concentration, low mood, …); short-term insomnia has lasted under 3 months.  Trouble
  of 3 months or more is reported as *persistent* when the frequency is lower, or when
  the frequency or the daytime impairment is not reported as met (false or unknown):
  chronic insomnia is claimed only when every criterion is known to hold.
- Kinds: taking more than 30 minutes to fall asleep, or lying awake more than 30 minutes
  after first falling asleep, is the usual research and primary-care cut-off (Lichstein
  et al. 2003 use 31 minutes or more); early waking as the person reports it; sleeping
  under 7 hours, the least the AASM/SRS consensus recommends for adults (Watson 2015).
- Severity: the Insomnia Severity Index band, when the ISI is given.

These describe the complaint; they add no score to any factor.
"""

from __future__ import annotations

from insomnia_factors.models.assessment import Complaint, InsomniaPattern, InsomniaSummary
from insomnia_factors.models.profile import Profile

__all__ = [
    "CHRONIC_MIN_DAYS",
    "CHRONIC_MIN_MINUTES",
    "CHRONIC_MIN_NIGHTS",
    "LONG_AWAKE_MINUTES",
    "SHORT_SLEEP_HOURS",
    "insomnia_summary",
    "meets_chronic_frequency",
]

#: ICSD-3 and DSM-5 chronic insomnia: at least 3 nights a week for at least 3 months,
#: with daytime impairment (clinical reference §6.1, V).
CHRONIC_MIN_NIGHTS = 3
#: "3 months" as people count it: the shortest three consecutive calendar months
#: (February to April of a common year) last 89 days, so 13 weeks or "90 days" count as
#: three months, while pint's mean month (30.44 days) would put them just below.
CHRONIC_MIN_DAYS = 89
CHRONIC_MIN_MINUTES = CHRONIC_MIN_DAYS * 24 * 60.0
#: More than this many minutes to fall asleep, or awake after sleep onset, is a complaint.
LONG_AWAKE_MINUTES = 30.0
#: Adults should sleep at least 7 hours a night (Watson 2015).
SHORT_SLEEP_HOURS = 7.0
_SHORT_SLEEP_MINUTES = SHORT_SLEEP_HOURS * 60.0


def meets_chronic_frequency(profile: Profile) -> bool:
    """Trouble on at least :data:`CHRONIC_MIN_NIGHTS` nights a week, as reported."""
    nights = profile.sleep.nights_per_week
    return nights is not None and nights >= CHRONIC_MIN_NIGHTS


def insomnia_summary(profile: Profile) -> InsomniaSummary:
    """Pattern by frequency, duration and daytime impairment, kinds of complaint,
    severity by ISI band."""
    sleep = profile.sleep
    if sleep.duration is None:
        pattern = InsomniaPattern.UNKNOWN
    elif sleep.duration.canonical < CHRONIC_MIN_MINUTES:
        pattern = InsomniaPattern.SHORT_TERM
    elif meets_chronic_frequency(profile) and sleep.daytime_impairment:
        pattern = InsomniaPattern.CHRONIC
    else:
        pattern = InsomniaPattern.PERSISTENT
    complaints = []
    if sleep.onset_latency is not None and sleep.onset_latency.canonical > LONG_AWAKE_MINUTES:
        complaints.append(Complaint.SLEEP_ONSET)
    waso = sleep.wake_after_sleep_onset
    if waso is not None and waso.canonical > LONG_AWAKE_MINUTES:
        complaints.append(Complaint.SLEEP_MAINTENANCE)
    if sleep.early_waking:
        complaints.append(Complaint.EARLY_WAKING)
    total = sleep.total_sleep_time
    if total is not None and total.canonical < _SHORT_SLEEP_MINUTES:
        complaints.append(Complaint.SHORT_SLEEP)
    if sleep.isi is None:
        return InsomniaSummary(pattern, complaints=tuple(complaints))
    result = sleep.isi.result()
    return InsomniaSummary(pattern, result.band, result.total, tuple(complaints))
