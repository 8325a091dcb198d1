// Cold start reference: a Node process that does nothing but say it is done.
process.stdout.write("C\nD\n");
process.exit(0);
