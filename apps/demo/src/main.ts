/** Entry of the `mtls-lab` bin: run the command line, set the exit code. All logic is in cli/. */
import { processIo } from "./cli/io.js";
import { runCli } from "./cli/run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
