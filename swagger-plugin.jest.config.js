// The @nestjs/swagger CLI plugin as a ts-jest AST transformer, with the options of nest-cli.json:
// the tests see the same OpenAPI document as `nest build` produces.
const { before } = require('@nestjs/swagger/plugin');
const nestCli = require('./nest-cli.json');

const swagger = nestCli.compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger');

module.exports = {
  name: 'nestjs-swagger-plugin',
  // Bump when the options change: ts-jest keys its cache on it.
  version: 2,
  // ts-jest keeps `program` from when it created its language service; the plugin needs the program
  // being emitted now, or its type checker sees nodes of another program and answers `Object`.
  factory: (compiler) =>
    before(swagger.options, compiler._languageService?.getProgram() ?? compiler.program),
};
