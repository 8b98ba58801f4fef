import { parserSuite } from './parser-suite';

parserSuite('file');
