package io.streamrec.cli;

import io.streamrec.cli.documents.VersionedDocuments;
import io.streamrec.processor.Experiment;
import io.streamrec.processor.Strategy;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = {"Read, validate and change A/B experiments in etcd (/streamrec/experiments/<name>).",
                "An experiment is a salt and groups with percentages, each mapped to a strategy. Same versions,",
                "compare-and-set, history limit and exit codes as 'streamrec strategy'. put and rollback warn when a",
                "group's strategy does not exist."})
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

    /** A group whose strategy is missing still labels its users, so an A/B result would compare the wrong thing. */
    @Override
    protected List<String> warnings(String name, String json, VersionedDocuments experiments) {
        VersionedDocuments strategies = experiments.under(Strategy.ETCD_PREFIX);
        return Experiment.parse(name, json).groups().stream().map(Experiment.Group::strategy).distinct()
                .filter(strategy -> strategies.current(strategy).isEmpty())
                .map(strategy -> "strategy " + strategy + " does not exist under " + Strategy.ETCD_PREFIX
                        + ": until it does, its group's users get the processor's configured strategy, still labelled"
                        + " with their group")
                .toList();
    }
}
