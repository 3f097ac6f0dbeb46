/** Entry of the `mtls-lab` bin: run the command line, set the exit code. All logic is in cli/. */
import { installProcessGuards, processIo } from "./cli/io.js";
import { runCli } from "./cli/run-cli.js";

installProcessGuards();
process.exitCode = await runCli(process.argv.slice(2), processIo());
