package dev.autoremediate.rules;

import java.util.Locale;

/** The bundled pack, compiled once per test JVM: compiling is the slow part, and a pack is immutable. */
final class BundledPack {

    private static final RulePack PACK = compile();

    private BundledPack() {
    }

    static RulePack get() {
        return PACK;
    }

    private static RulePack compile() {
        long started = System.nanoTime();
        RulePack pack = RulePack.bundled();
        System.out.printf(Locale.ROOT, "bundled pack %s: %d rules compiled in %d ms (first compile of this JVM)%n",
                pack.version(), pack.rules().size(), (System.nanoTime() - started) / 1_000_000);
        return pack;
    }
}
