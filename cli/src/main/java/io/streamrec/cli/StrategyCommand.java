package io.streamrec.cli;

import io.streamrec.processor.Strategy;
import picocli.CommandLine.Command;

@Command(name = "strategy", mixinStandardHelpOptions = true,
        description = {"Read, validate and change recommendation strategies in etcd (/streamrec/strategies/<name>).",
                "A version is the key's etcd mod revision. Writes are compare-and-set: a concurrent edit fails.",
                "History reaches back to etcd's last compaction.",
                "Exit codes: 0 ok, 1 etcd unreachable or bad config, 2 usage, 4 invalid or different,",
                "5 not found, 6 concurrent edit."})
final class StrategyCommand extends VersionedDocumentCommand {

    @Override
    protected String prefix() {
        return Strategy.ETCD_PREFIX;
    }

    @Override
    protected String noun() {
        return "strategy";
    }

    @Override
    protected void validate(String name, String json) {
        Strategy.parse(name, json);
    }
}
