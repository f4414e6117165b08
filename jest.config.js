// NestJS 12, nodemailer 10, smtp-server, otplib's @scure/base and a few other dependencies are ES modules only. Node 20
// loads them from our CommonJS build with require(esm), which Jest's module runtime cannot do before
// Node 24.9, so Jest compiles those packages to CommonJS with Babel (babel.jest.config.js). On Node 24
// the same transform runs too (one config for both; .ci/run runs the suite on 20 and on 24).
// Unit tests sit beside the code (*.spec.ts); e2e tests live in test/ (*.e2e-spec.ts). Both run against
// real PostgreSQL, Redis and SMTP; each test file makes its own database and Redis key prefix.
const path = require('node:path');

const transform = {
  // The swagger CLI plugin runs here too (swagger-plugin.jest.config.js), so tests see the built
  // document. It needs the whole program's types, so ts-jest compiles with isolatedModules off
  // (tsconfig.jest.json); 151002 only warns that it then cannot tell ESM from CommonJS files per
  // file, and every .ts file of this package is CommonJS.
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: 'tsconfig.jest.json',
      astTransformers: { before: ['<rootDir>/swagger-plugin.jest.config.js'] },
      diagnostics: { ignoreCodes: [151002] },
    },
  ],
  '^.+\\.m?js$': ['babel-jest', { configFile: path.join(__dirname, 'babel.jest.config.js') }],
};
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform,
  // Compile only ES-module packages; every other dependency is loaded as it is.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@fastify|nodemailer|smtp-server|content-disposition|cookie|file-type|strtok3|token-types|uint8array-extras|@tokenizer|msgpackr|@borewit|@otplib|@scure|@noble)/)',
  ],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 60000,
};
