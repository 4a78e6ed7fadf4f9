package io.streamrec.cli;

import io.streamrec.processor.Experiment;
import picocli.CommandLine.Command;

@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = {"Read, validate and change A/B experiments in etcd (/streamrec/experiments/<name>): a salt and",
                "groups with percentages, each mapped to a strategy. Same versions, compare-and-set and exit codes",
                "as 'streamrec strategy'."})
final class ExperimentsCommand extends VersionedDocumentCommand {

    @Override
    protected String prefix() {
        return Experiment.ETCD_PREFIX;
    }

    @Override
    protected String noun() {
        return "experiment";
    }

    @Override
    protected void validate(String name, String json) {
        Experiment.parse(name, json);
    }
}
