using S = HealthHomes.Fhir.Synthetic.EngagementScenario;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>What the outreach came to: when the member agreed, was first contacted, declined, and the last attempt.</summary>
internal sealed record OutreachResult(DateTime? Agreed, DateTime? FirstContact, DateTime? Declined, DateTime? Last);

/// <summary>
/// A member's outreach, written to produce the designed engagement status: failed attempts at varied times (calls
/// mostly), contact, callbacks promised and kept or missed, checklist 1-4 steps, corrected phone numbers. For ECM the
/// first two attempts after the provider received its list mostly fall on different weekdays and times of day within
/// 30 days (ECM-OUT-2X), sometimes not; for KS-HH, unable-to-reach means more than 7 days of failed calls on confirmed
/// details (one early or late) and the checklist 3 alternate methods done.
/// </summary>
internal sealed class OutreachHistory(Random random, OutreachRecords records, bool ecm, string coordinator, string backup)
{
    // Modality weights for attempts that reach no one: most are calls; the rest spread over messages and visits.
    private static readonly (string Code, int Weight)[] Modalities =
    [
        ("phone", 50), ("text", 12), ("email", 5), ("mail", 8), ("social-media", 1), ("video", 3), ("in-person-home", 7),
        ("in-person-community", 4), ("in-person-provider-site", 5), ("pharmacy-or-provider-contact", 3), ("alternate-database-lookup", 2),
    ];

    private static readonly string[] Checklist1 = ["check-alternate-database", "send-mailing", "contact-pharmacy-or-provider"];
    private static readonly string[] Checklist2 = ["check-alternate-database", "contact-pharmacy-or-provider"];

    private readonly List<DateTime> _times = [];
    private DateTime _start;
    private bool _recent;
    private int _sameBucket = -1;
    private DateTime? _agreed;
    private DateTime? _contact;
    private DateTime? _declined;
    private DateTime? _due;
    private string _lastUrl = "";

    public OutreachResult Add(string status, DateTime start, bool recent)
    {
        _start = start;
        _recent = recent;
        switch (status)
        {
            case S.Engaged: Engaged(); break;
            case S.OutreachInProgress: Failures(1 + random.Next(ecm ? 2 : 4)); break;
            case S.ContactedNotEngaged: ContactedNotEngaged(); break;
            case S.UnableToReach: UnableToReach(); break;
            case S.ContactInfoInvalid: ContactInfoInvalid(); break;
            case S.Declined: Declined(); break;
            case S.Disenrolled:
                var roll = random.Next(10);
                if (roll < 5) { Engaged(); } else if (roll < 8) { UnableToReach(); } else { Declined(); }
                break;
            default: break;
        }

        return new OutreachResult(_agreed, _contact, _declined, _times.Count == 0 ? null : _times[^1]);
    }

    private string Owner() => random.Next(5) == 0 ? backup : coordinator;

    private void Engaged()
    {
        CorrectedPhone();
        Failures(4 + random.Next(9));
        if (random.Next(100) < 30 && Callback() is { } due)
        {
            Contact("agreed-to-engage", _times[^1].Date.AddDays(1 + random.Next(Math.Max(1, (due - _times[^1]).Days))));
            return;
        }

        Contact("agreed-to-engage");
    }

    private void ContactedNotEngaged()
    {
        CorrectedPhone();
        Failures(3 + random.Next(6));
        if (random.Next(100) < 60 && Callback() is { } due)
        {
            var roll = random.Next(100);
            if (roll < 45)
            {
                Contact("reached-member", due.AddDays(-random.Next(3)), "checklist-4", "ask-keep-informed");
            }
            else if (roll < 75)
            {
                Contact("reached-member", due.AddDays(2 + random.Next(9)), "checklist-4", "ask-keep-informed");
            }

            return;
        }

        if (Contact("reached-member", null, "checklist-4", "ask-send-information") is { } attempt)
        {
            records.Step(_times[^1].AddHours(1), attempt, coordinator, "checklist-4", "ask-send-information");
        }
    }

    /// <summary>A contact where a callback was promised (checklist 4); returns the date promised, null when there was no room.</summary>
    private DateTime? Callback()
    {
        if (Contact("scheduled-callback", null, "checklist-4", "ask-callback-timeframe", callback: true) is not { } attempt)
        {
            return null;
        }

        records.Step(_times[^1].AddMinutes(30), attempt, coordinator, "checklist-4", "ask-callback-timeframe");
        return _due;
    }

    private void UnableToReach()
    {
        if (ecm)
        {
            // ECM: at least 3 attempts over at least 30 days, on different weekdays and times of day, no contact.
            var bucket = random.Next(3);
            for (var i = 0; i < 12 && (i < 5 + random.Next(3) || (_times.Count > 0 && (_times[^1] - _times[0]).TotalDays < 31)); i++)
            {
                Fail(7, 14, (bucket + i) % 3);
            }

            return;
        }

        // KS-HH checklist 3: calls on the confirmed number, each within 7 days of the last, one early or late.
        var n = 5 + random.Next(5);
        var oddHour = 1 + random.Next(n - 1);
        for (var i = 0; i < 14 && (i < n || (_times.Count > 0 && (_times[^1] - _times[0]).TotalDays <= 8)); i++)
        {
            var odd = i == oddHour;
            Fail(1, 6, odd ? 2 * random.Next(2) : -1, records.Phone is null ? null : "phone", i == 0 ? null : "checklist-3", i == 0 ? null : odd ? "early-or-late-call" : "follow-up-call-7d");
        }

        if (_times.Count == 0)
        {
            return;
        }

        var alternates = _times[0].Date.AddDays(8) > _times[^1].Date ? _times[0].Date.AddDays(8) : _times[^1].Date.AddDays(1);
        foreach (var step in Checklist1)
        {
            records.Step(ProgramClock.AnyTime(random, ProgramClock.Weekday(alternates)), _lastUrl, coordinator, "checklist-3", step);
        }
    }

    private void ContactInfoInvalid()
    {
        Failures(1 + random.Next(5));
        var phone = records.Phone is not null && random.Next(100) < 65;
        var when = Next(1, 9, -1);
        var outcome = phone ? (random.Next(2) == 0 ? "wrong-number" : "number-missing-or-disconnected") : random.Next(2) == 0 ? "address-not-found" : "mail-returned";
        var modality = phone ? "phone" : outcome == "address-not-found" ? "in-person-home" : "mail";
        var checklist = phone ? "checklist-1" : "checklist-2";
        _lastUrl = records.Attempt(when, modality, outcome, Owner(), checklist);
        var steps = phone ? Checklist1 : Checklist2;
        var roll = random.Next(100);
        var done = roll < 55 ? steps.Length : roll < 85 ? 1 + random.Next(steps.Length - 1) : 0;
        for (var i = 0; i < done; i++)
        {
            records.Step(when.AddMinutes(20 * (i + 1)), _lastUrl, coordinator, checklist, steps[i]);
        }
    }

    private void Declined()
    {
        CorrectedPhone();
        Failures(3 + random.Next(6));
        if (random.Next(100) < 40)
        {
            Contact("reached-member", null, "checklist-4", "ask-send-information");
        }

        if (Contact("declined", null, _contact is null ? null : "checklist-4", _contact is null ? null : "opt-out-info-on-request") is not null)
        {
            _declined = _times[^1];
        }
    }

    /// <summary>For some members the first call finds a wrong number; the alternate database gives a corrected one.</summary>
    private void CorrectedPhone()
    {
        if (records.Phone is null || random.Next(100) >= 10)
        {
            return;
        }

        var when = Next(1, 9, 1);
        _lastUrl = records.Attempt(when, "phone", "wrong-number", Owner(), "checklist-1");
        records.Step(when.AddHours(1), _lastUrl, coordinator, "checklist-1", "check-alternate-database");
        records.CorrectPhone(when.AddHours(1).AddMinutes(5));
    }

    private void Failures(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Fail(1, _recent ? 4 : 9, -1);
        }
    }

    private void Fail(int minGap, int maxGap, int bucket, string? modality = null, string? checklist = null, string? step = null)
    {
        if (TryNext(minGap, maxGap, bucket) is not { } when)
        {
            return;
        }

        modality ??= Available(Pick(Modalities));
        var outcome = modality == "phone" ? Pick([("no-answer", 55), ("voicemail-left", 38), ("unable-to-leave-message", 7)]) : "no-answer";
        _lastUrl = records.Attempt(when, modality, outcome, Owner(), checklist, step);
    }

    private string? Contact(string outcome, DateTime? on = null, string? checklist = null, string? step = null, bool callback = false)
    {
        var when = on is { } day ? ProgramClock.AnyTime(random, ProgramClock.Weekday(day)) : TryNext(1, 9, -1);
        if (when is not { } at || at.Date > ProgramClock.LastDay || (_times.Count > 0 && on is not null && at <= _times[^1]))
        {
            return null;
        }

        if (on is not null)
        {
            _times.Add(at);
        }

        var modality = Pick([("phone", records.Phone is null ? 0 : 60), ("video", records.Phone is null ? 0 : 5), ("in-person-home", 15), ("in-person-provider-site", 10), ("in-person-community", 8)]);
        _due = callback ? ProgramClock.Weekday(at.Date.AddDays(7 + random.Next(8))).AddHours(10) : null;
        _lastUrl = records.Attempt(at, modality, outcome, Owner(), checklist, step, _due);
        _contact ??= at;
        if (outcome == "agreed-to-engage")
        {
            _agreed = at;
        }

        return _lastUrl;
    }

    private DateTime Next(int minGap, int maxGap, int bucket) => TryNext(minGap, maxGap, bucket) ?? ProgramClock.AnyTime(random, ProgramClock.LastDay);

    /// <summary>The next attempt time, or null when it would fall after the last day.</summary>
    private DateTime? TryNext(int minGap, int maxGap, int bucket)
    {
        DateTime day;
        if (_times.Count == 0)
        {
            day = _start.AddDays(_recent ? 1 + random.Next(3) : ecm ? (random.Next(10) == 0 ? 31 + random.Next(15) : 1 + random.Next(15)) : 1 + random.Next(7));
        }
        else if (ecm && _times.Count == 1 && bucket < 0)
        {
            (day, bucket) = SecondEcmAttempt(_times[0]);
        }
        else
        {
            day = _times[^1].Date.AddDays(minGap + random.Next(maxGap - minGap + 1));
        }

        day = ProgramClock.Weekday(day);
        if (bucket < 0 && _sameBucket >= 0 && day <= _start.AddDays(30))
        {
            bucket = _sameBucket;
        }

        var when = bucket < 0 ? ProgramClock.AnyTime(random, day) : ProgramClock.InBucket(random, day, bucket);
        if (when.Date > ProgramClock.LastDay)
        {
            return null;
        }

        _times.Add(when);
        return when;
    }

    /// <summary>ECM-OUT-2X: mostly another weekday and time of day within the window; sometimes the same time of day, or a month later.</summary>
    private (DateTime Day, int Bucket) SecondEcmAttempt(DateTime first)
    {
        var roll = random.Next(100);
        if (roll < 75)
        {
            var day = ProgramClock.Weekday(first.Date.AddDays(1 + random.Next(6)));
            day = day.DayOfWeek == first.DayOfWeek ? ProgramClock.Weekday(day.AddDays(1)) : day;
            return (day, (ProgramClock.Bucket(first) + 1 + random.Next(2)) % 3);
        }

        if (roll < 88)
        {
            _sameBucket = ProgramClock.Bucket(first);
            return (first.Date.AddDays(1 + random.Next(6)), _sameBucket);
        }

        return (first.Date.AddDays(31 + random.Next(10)), random.Next(3));
    }

    /// <summary>No phone on file: calls and texts become mail; no email: email becomes mail.</summary>
    private string Available(string modality) => modality switch
    {
        "phone" or "text" or "video" when records.Phone is null => "mail",
        "email" when records.Email is null => "mail",
        _ => modality,
    };

    private string Pick((string Code, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (code, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return code;
            }
        }

        return choices[^1].Code;
    }
}
