/**
 * Rules: classifies failure events with a Drools rule pack.
 *
 * <p>{@link dev.autoremediate.rules.RulePack} compiles a pack of DRL files once ({@code bundled()} or
 * {@code fromDirectory(dir)}) and classifies events with it ({@code classify(event)} →
 * {@link dev.autoremediate.rules.RuleOutcome}: every {@link dev.autoremediate.rules.RuleMatch}, best first). Each rule
 * carries its metadata as DRL annotations — category, retryable, confidence, an
 * {@link dev.autoremediate.rules.ActionTemplate} and a description — read into
 * {@link dev.autoremediate.rules.RuleInfo} when the pack loads. Rules match on one
 * {@link dev.autoremediate.rules.FailureFact} per event. A pack that does not compile, or whose metadata is invalid,
 * throws {@link dev.autoremediate.rules.RulePackException} with a {@link dev.autoremediate.rules.BuildProblem} per
 * error (file, line, message).
 *
 * <p>Plain Java: no Spring, no static state, no globals. The bundled DRL files live under
 * {@code src/main/resources/dev/autoremediate/rules/pack/}.
 */
package dev.autoremediate.rules;
