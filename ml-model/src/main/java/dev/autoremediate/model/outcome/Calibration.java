package dev.autoremediate.model.outcome;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Platt scaling per failure category (the linear model's confidence differs by category), with one fitted on all
 * categories for those with too few calibration examples. Stored in the model's provenance as text.
 */
public record Calibration(Platt overall, Map<FailureCategory, Platt> byCategory) {

    public static final Calibration IDENTITY = new Calibration(Platt.IDENTITY, Map.of());
    static final String KEY = "calibration";
    static final int MIN_EXAMPLES = 50;

    public Calibration {
        byCategory = byCategory.isEmpty() ? Map.of() : Map.copyOf(byCategory);
    }

    public double apply(FailureCategory category, double p) {
        return byCategory.getOrDefault(category, overall).apply(p);
    }

    /** Fits from (category, raw probability, outcome) triples. */
    static Calibration fit(List<Scored> scored) {
        var all = new ArrayList<double[]>();
        var per = new EnumMap<FailureCategory, List<double[]>>(FailureCategory.class);
        for (Scored s : scored) {
            double[] pair = {s.p(), s.succeeded() ? 1 : 0};
            all.add(pair);
            per.computeIfAbsent(s.category(), c -> new ArrayList<>()).add(pair);
        }
        var byCategory = new EnumMap<FailureCategory, Platt>(FailureCategory.class);
        per.forEach((category, pairs) -> {
            if (pairs.size() >= MIN_EXAMPLES) {
                byCategory.put(category, Platt.fit(pairs));
            }
        });
        return new Calibration(Platt.fit(all), byCategory);
    }

    record Scored(FailureCategory category, double p, boolean succeeded) {
    }

    String toText() {
        var sb = new StringBuilder("ALL:").append(overall.toText());
        byCategory.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append('|').append(e.getKey().name()).append(':').append(e.getValue().toText()));
        return sb.toString();
    }

    static Calibration parse(String text) {
        Platt overall = Platt.IDENTITY;
        var byCategory = new EnumMap<FailureCategory, Platt>(FailureCategory.class);
        for (String part : text.split("\\|")) {
            String[] kv = part.split(":", 2);
            if (kv.length < 2) {
                continue;
            }
            if (kv[0].equals("ALL")) {
                overall = Platt.parse(kv[1]);
            } else {
                byCategory.put(FailureCategory.valueOf(kv[0]), Platt.parse(kv[1]));
            }
        }
        return new Calibration(overall, byCategory);
    }
}
